import { Button, Card, Progress, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../ui/i18n.tsx';
import { formatMoney, useForecast } from './api.ts';
import './messages.ts';

/** 本季度完成率 on the workbench: the signed-in person's own attainment this fiscal quarter. */
export function ForecastWorkbenchCard() {
  const t = useT();
  const navigate = useNavigate();
  const { data } = useForecast(undefined, 'me');
  const f = data?.totals;
  return (
    <Card
      title={t('forecast.workbench')}
      extra={
        <Button type="link" size="small" onClick={() => navigate('/forecast')}>
          {t('forecast.workbench.more')}
        </Button>
      }
      style={{ height: '100%' }}
      data-testid="forecast-workbench"
    >
      <Space align="center" size={16}>
        <Progress
          type="circle"
          size={72}
          percent={f?.attainment == null ? 0 : Math.min(100, Number(f.attainment))}
          format={() => (f?.attainment == null ? '—' : `${f.attainment}%`)}
        />
        <div>
          <Typography.Text type="secondary">{data?.quarter.label}</Typography.Text>
          <div>
            {t('forecast.closed')}: {formatMoney(f?.closed)}
          </div>
          <div>
            {t('forecast.quota')}: {f?.quota == null ? t('forecast.no_quota') : formatMoney(f.quota)}
          </div>
        </div>
      </Space>
    </Card>
  );
}
