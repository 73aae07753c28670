/**
 * A chart drawn by Apache ECharts, imported piece by piece (bar chart, grid, tooltip, canvas renderer) so the bundle
 * carries only what the pages use. The chart follows its box's size; a click on a bar reports the bar's label.
 * Canvas is invisible to screen readers and tests, so the box carries the figures as its accessible name.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

export function Chart({ option, label, height = 220, onClickLabel }: { option: ChartOption; label: string; height?: number; onClickLabel?: (label: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClickLabel);
  click.current = onClickLabel;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.(String(p.name)));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option }, true);
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height, cursor: onClickLabel ? 'pointer' : undefined }} />;
}

/** Bars of labelled counts: horizontal (long labels) or vertical (bands), each with its number at its end. */
export function barOption(
  items: readonly { label: string; count: number }[],
  opts: { horizontal?: boolean; color?: string; unit?: string; axisLabel?: (label: string) => string } = {},
): ChartOption {
  const labels = items.map((x) => x.label);
  const values = items.map((x) => x.count);
  const unit = opts.unit ?? '名';
  const category = {
    type: 'category' as const,
    data: labels,
    axisTick: { show: false },
    axisLabel: { color: '#595959', fontSize: 12, interval: 0, ...(opts.axisLabel ? { formatter: opts.axisLabel } : {}) },
  };
  const value = { type: 'value' as const, minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { color: '#8c8c8c', fontSize: 11 } };
  return {
    grid: opts.horizontal ? { left: 8, right: 48, top: 8, bottom: 8, containLabel: true } : { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', formatter: (p: unknown) => { const x = p as { name: string; value: number }; return `${x.name}：${x.value} ${unit}`; } },
    xAxis: opts.horizontal ? value : category,
    yAxis: opts.horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        type: 'bar',
        data: values,
        barMaxWidth: 28,
        itemStyle: { color: opts.color ?? '#c0392b', borderRadius: opts.horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
        label: { show: true, position: opts.horizontal ? 'right' : 'top', color: '#262626', fontSize: 12 },
      },
    ],
  };
}
