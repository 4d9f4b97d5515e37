import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../ui/i18n.tsx';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { useIsPhone } from '../../ui/use-is-phone.ts';
import './messages.ts';

/** The frame of the login and register pages: brand panel on wide screens, the form card on the right. */
export function AuthShell({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  const isPhone = useIsPhone();
  return (
    <Flex style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      {!isPhone && (
        <Flex
          vertical
          justify="center"
          style={{
            flex: '0 0 42%',
            padding: '48px 56px',
            color: '#fff',
            background: 'linear-gradient(135deg, #1677ff 0%, #0958d9 55%, #003eb3 100%)',
          }}
        >
          <Flex align="center" gap={12}>
            <img src="/favicon.svg" alt="" width={44} height={44} style={{ borderRadius: 10, background: '#fff' }} />
            <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
              {t('auth.product')}
            </Typography.Title>
          </Flex>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', fontSize: 16, marginTop: 16 }}>
            {t('auth.slogan')}
          </Typography.Paragraph>
        </Flex>
      )}
      <Flex vertical flex={1} style={{ minWidth: 0 }}>
        <Flex justify="space-between" align="center" style={{ padding: '12px 16px' }}>
          {isPhone ? (
            <Flex align="center" gap={8}>
              <img src="/favicon.svg" alt="" width={28} height={28} />
              <Typography.Text strong>{t('auth.product')}</Typography.Text>
            </Flex>
          ) : (
            <span />
          )}
          <LanguageSwitch />
        </Flex>
        <Flex flex={1} justify="center" align={isPhone ? 'flex-start' : 'center'} style={{ padding: 16 }}>
          <Card style={{ width: '100%', maxWidth: 420 }} variant={isPhone ? 'borderless' : 'outlined'}>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {title}
            </Typography.Title>
            {subtitle && (
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                {subtitle}
              </Typography.Paragraph>
            )}
            {children}
          </Card>
        </Flex>
      </Flex>
    </Flex>
  );
}
