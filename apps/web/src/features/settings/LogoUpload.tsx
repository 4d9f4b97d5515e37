import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Progress, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useT } from '../../ui/i18n.tsx';
import { deleteLogo, SETTINGS_KEY, uploadLogo } from './api.ts';

const TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const MAX_BYTES = 2 * 1024 * 1024;

/** Logo upload with progress; the server checks type (magic bytes) and size and its message is shown as is. */
export function LogoUpload({ logoUrl, canManage }: { logoUrl: string | null; canManage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const refresh = () => {
    setVersion((v) => v + 1);
    client.invalidateQueries({ queryKey: SETTINGS_KEY });
    client.invalidateQueries({ queryKey: ['auth', 'me'] });
  };
  const remove = useMutation({
    mutationFn: deleteLogo,
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });

  const src = logoUrl ? `${logoUrl}${logoUrl.includes('?') ? '&' : '?'}v=${version}` : '/favicon.svg';

  return (
    <Flex gap={16} align="flex-start" wrap>
      <img
        src={src}
        alt={t('settings.logo')}
        width={96}
        height={96}
        data-testid="logo-preview"
        style={{ objectFit: 'contain', border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff', padding: 4 }}
      />
      <Space orientation="vertical" style={{ flex: 1, minWidth: 200 }}>
        <Typography.Text type="secondary">{t('settings.logo_hint')}</Typography.Text>
        {canManage && (
          <Space wrap>
            <Upload
              accept={TYPES.join(',')}
              showUploadList={false}
              beforeUpload={(file) => {
                setError(null);
                if (!TYPES.includes(file.type)) {
                  setError(t('settings.logo_bad_type'));
                  return Upload.LIST_IGNORE;
                }
                if (file.size > MAX_BYTES) {
                  setError(t('settings.logo_too_big'));
                  return Upload.LIST_IGNORE;
                }
                return true;
              }}
              customRequest={({ file, onSuccess, onError }) => {
                setPercent(0);
                uploadLogo(file as Blob, setPercent)
                  .then((r) => {
                    onSuccess?.(r);
                    message.success(t('settings.logo_uploaded'));
                    refresh();
                  })
                  .catch((e: Error) => {
                    setError(e.message);
                    onError?.(e);
                  })
                  .finally(() => setPercent(null));
              }}
            >
              <Button icon={<UploadOutlined />} loading={percent !== null}>
                {logoUrl ? t('settings.logo_replace') : t('settings.logo_upload')}
              </Button>
            </Upload>
            {logoUrl && (
              <Button icon={<DeleteOutlined />} onClick={() => remove.mutate()} loading={remove.isPending}>
                {t('settings.logo_remove')}
              </Button>
            )}
          </Space>
        )}
        {percent !== null && <Progress percent={percent} size="small" style={{ maxWidth: 280 }} />}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            closable={{ onClose: () => setError(null) }}
            data-testid="logo-error"
          />
        )}
      </Space>
    </Flex>
  );
}
