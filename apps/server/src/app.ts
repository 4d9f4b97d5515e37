import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { allRoutes } from './modules/index.ts';
import { registerTestClock } from './platform/clock.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import { registerRoutes } from './platform/http/register-routes.ts';
import type { Services } from './platform/http/services.ts';

export interface BuildOptions {
  logger?: boolean;
}

/** Build the HTTP app: platform plugins, then every module's routes through the one route helper. */
export async function buildApp(services: Services, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: services.config.logLevel } : false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDist = services.config.webDist;
  const serveWeb = Boolean(webDist && existsSync(path.join(webDist, 'index.html')));
  installErrorHandler(app, { serveAppShell: serveWeb });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: services.config.maxUploadBytes, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Huike CRM API', version: '1.0.0', description: '汇客 CRM REST API' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'huike_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI's own page needs inline scripts and styles; its CSP is relaxed on its prefix only.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok', engine: services.database.engine }));
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerRoutes(app, services, allRoutes);
  // Tests only (TEST_CLOCK): PUT /api/v1/test/clock; absent otherwise.
  registerTestClock(app, services.config);

  if (serveWeb) await app.register(fastifyStatic, { root: webDist!, wildcard: false });
  return app;
}
