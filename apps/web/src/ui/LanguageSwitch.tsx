import { TranslationOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { type Lang, useI18n } from './i18n.tsx';

const LANGS: { key: Lang; label: string }[] = [
  { key: 'zh-CN', label: '中文' },
  { key: 'en', label: 'English' },
];

/** 中文 / English; the choice is remembered in this browser. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { lang, setLang } = useI18n();
  const current = LANGS.find((l) => l.key === lang)?.label;
  return (
    <Dropdown
      menu={{
        items: LANGS.map((l) => ({ key: l.key, label: l.label })),
        selectedKeys: [lang],
        onClick: ({ key }) => setLang(key as Lang),
      }}
    >
      <Button type="text" icon={<TranslationOutlined />} aria-label="Language / 语言" data-testid="language-switch">
        {compact ? null : current}
      </Button>
    </Dropdown>
  );
}
