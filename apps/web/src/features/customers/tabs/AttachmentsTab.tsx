import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, List, Popconfirm, Progress, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { uploadFile } from '../../../ui/api.ts';
import { useT } from '../../../ui/i18n.tsx';
import type { Customer } from '../api.ts';
import { attachmentsPath, deleteAttachment, downloadUrl, listAttachments } from '../related-api.ts';
import { TabState } from './TabState.tsx';

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`;

/** 附件: files on the customer; upload with progress, download, remove. */
export function AttachmentsTab({ customer }: { customer: Customer }) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const key = ['customers', customer.id, 'attachments'];
  const files = useQuery({ queryKey: key, queryFn: () => listAttachments(customer.id), retry: false });
  const remove = useMutation({
    mutationFn: deleteAttachment,
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
    onError: (e) => message.error(e.message),
  });
  const writable = customer.access === 'write';
  return (
    <>
      {writable && !files.isError && (
        <Upload
          showUploadList={false}
          customRequest={({ file }) => {
            setProgress(0);
            uploadFile(attachmentsPath(customer.id), file as Blob, setProgress)
              .then(() => {
                message.success(t('attachments.uploaded'));
                client.invalidateQueries({ queryKey: key });
              })
              .catch((e: Error) => message.error(e.message))
              .finally(() => setProgress(null));
          }}
        >
          <Button icon={<UploadOutlined />} style={{ marginBottom: 12 }}>
            {t('attachments.upload')}
          </Button>
        </Upload>
      )}
      {progress !== null && <Progress percent={progress} size="small" />}
      <TabState query={files}>
        {(files.data?.items ?? []).length === 0 ? (
          <Empty description={t('attachments.empty')} />
        ) : (
          <List
            dataSource={files.data?.items ?? []}
            renderItem={(a) => (
              <List.Item
                actions={[
                  <Button
                    key="dl"
                    type="link"
                    size="small"
                    icon={<DownloadOutlined />}
                    href={downloadUrl(a)}
                    download={a.fileName}
                  />,
                  ...(writable
                    ? [
                        <Popconfirm
                          key="rm"
                          title={t('common.confirm_delete', { name: a.fileName })}
                          onConfirm={() => remove.mutate(a.id)}
                        >
                          <Button
                            type="text"
                            danger
                            size="small"
                            icon={<DeleteOutlined />}
                            aria-label={t('common.delete')}
                          />
                        </Popconfirm>,
                      ]
                    : []),
                ]}
              >
                <List.Item.Meta
                  avatar={<PaperClipOutlined />}
                  title={<a href={downloadUrl(a)}>{a.fileName}</a>}
                  description={
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {size(a.size)}
                      {a.createdAt && ` · ${dayjs(a.createdAt).format('YYYY-MM-DD HH:mm')}`}
                      {a.uploadedByName && ` · ${a.uploadedByName}`}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </TabState>
    </>
  );
}
