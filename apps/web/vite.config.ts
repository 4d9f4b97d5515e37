import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 3100}`;

/**
 * Vendor chunks: React (+router, query), ECharts, and Ant Design's icons and rc-components each in a long-cached chunk;
 * antd's own components follow the default splitting, so each lazy page pulls only what it uses.
 */
const vendorGroups = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/,
    priority: 30,
  },
  { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 22 },
  { name: 'antd-rc', test: /node_modules[\\/](@rc-component|rc-[^\\/]+)[\\/]/, priority: 21 },
  {
    name: 'antd-base',
    test: /node_modules[\\/](@ant-design|@rc-component|rc-[^\\/]+|@emotion|stylis|dayjs|classnames|clsx)[\\/]/,
    priority: 20,
  },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 25 },
];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
});
