// The dashboard's ECharts build: only what it draws — bar series, a cartesian grid with axes, tooltips,
// label overlap hiding and the SVG renderer (DOM text, strict-CSP friendly, no canvas fingerprinting of labels).
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
echarts.use([BarChart, GridComponent, TooltipComponent, LabelLayout, SVGRenderer]);
window.echarts = echarts;
