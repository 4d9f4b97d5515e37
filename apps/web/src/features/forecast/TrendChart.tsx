import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useT } from '../../ui/i18n.tsx';
import { formatMoney, type Trend } from './api.ts';

// Only what this chart uses, so the bundle stays small.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Quota, closed, expected and best case of the last four quarters (bars), and % attained (line). */
export function TrendChart({ trend, height = 300 }: { trend: Trend; height?: number }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current);
    const resize = () => chart.current?.resize();
    const observer = new ResizeObserver(resize);
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const num = (v: string | null) => (v == null ? null : Number(v));
    const series = [
      { key: 'quota', color: '#bfbfbf' },
      { key: 'closed', color: '#1677ff' },
      { key: 'expected', color: '#52c41a' },
      { key: 'best', color: '#faad14' },
    ] as const;
    chart.current?.setOption(
      {
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) => (typeof v === 'number' ? formatMoney(v.toFixed(2)) : '—'),
        },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
        xAxis: {
          type: 'category',
          // Every quarter labelled, also on a phone: "2026财年 Q1" breaks after the year there.
          axisLabel: { interval: 0, fontSize: height < 300 ? 10 : 12 },
          data: trend.items.map((i) => (height < 300 ? i.quarter.label.replace(' ', '\n') : i.quarter.label)),
        },
        yAxis: [
          { type: 'value', axisLabel: { formatter: (v: number) => (v >= 10000 ? `${v / 10000}万` : String(v)) } },
          { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
        ],
        series: [
          ...series.map((s) => ({
            name: t(`forecast.${s.key}`),
            type: 'bar' as const,
            itemStyle: { color: s.color },
            data: trend.items.map((i) => num(i[s.key])),
          })),
          {
            name: t('forecast.attainment'),
            type: 'line' as const,
            yAxisIndex: 1,
            itemStyle: { color: '#eb2f96' },
            tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
            data: trend.items.map((i) => num(i.attainment)),
          },
        ],
      },
      true,
    );
  }, [trend, t, height]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid="forecast-trend" />;
}
