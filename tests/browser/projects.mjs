// Projects for browser tests and tools, written into the page's storage the
// way the app finds them (a record per project, an index, the last opened;
// see stored.mjs).
import { waitReady } from './harness.mjs';
import { exampleRecord, seedRecords, storedRecord } from './stored.mjs';

/** 三级 names of the lengths published tables use (4 to 20 汉字). */
const NAMES = [
  '培训人次', '覆盖行政村数量', '设备采购数量', '项目验收合格率', '农村饮水安全工程水质检测合格率',
  '资金支付及时率', '项目按期完成率', '成本控制在预算范围内', '受益群众人数', '带动就业人数',
  '群众生活条件改善情况', '生态环境保护效果', '长效管护机制建立情况', '服务对象满意度', '网络终端稳定运行保障天数',
  '政务服务事项网上可办率', '学生营养改善计划覆盖率', '防汛物资储备到位率', '医疗救助对象资助参保率', '校园食堂设施更新改造完成率',
];

/**
 * A 附1-shaped indicator tree with `count` 三级 spread over 产出/效益/满意度
 * and their usual 二级, every row scored (target 100, actual 100).
 */
export function indicatorTree(count) {
  const groups = [
    ['产出指标', ['数量指标', '质量指标', '时效指标', '成本指标']],
    ['效益指标', ['社会效益指标', '经济效益指标', '生态效益指标', '可持续影响指标']],
    ['满意度指标', ['服务对象满意度指标']],
  ];
  const slots = groups.flatMap(([l1, l2s]) => l2s.map((l2) => [l1, l2]));
  const perSlot = Math.ceil(count / slots.length);
  const weight = (90 / count).toFixed(2);
  const tree = [];
  let id = 0;
  for (const [l1, l2] of slots) {
    if (id >= count) break;
    let level1 = tree.find((g) => g.name === l1);
    if (!level1) tree.push((level1 = { name: l1, weight: '', groups: [] }));
    const level2 = { name: l2, weight: '', indicators: [] };
    level1.groups.push(level2);
    for (let n = 0; n < perSlot && id < count; n++) {
      id += 1;
      level2.indicators.push({
        id,
        name: NAMES[(id - 1) % NAMES.length],
        kind: 'AtLeast',
        target: '≥100',
        unit: '%',
        actual: '100',
        weight,
      });
    }
  }
  return tree;
}

/**
 * Loads the example (a valid stored record), replaces its indicators with
 * `indicators` when given, stores it under `id` as the only project and
 * reopens the page in its editor.
 */
export async function seedProject(page, { id = 'seeded', indicators, edit = (p) => p } = {}) {
  const record = await exampleRecord(page);
  record.project.id = id;
  if (indicators) {
    // Fields a test does not name keep the example's values.
    const template = record.project.indicators[0].groups[0].indicators[0];
    record.project.indicators = edit(indicators).map((level1) => ({
      ...level1,
      groups: level1.groups.map((level2) => ({ ...level2, indicators: level2.indicators.map((ind) => ({ ...template, ...ind })) })),
    }));
  }
  await seedRecords(page, [record], { lastOpened: id });
  await page.evaluate((id) => { location.hash = `#/edit/${id}`; }, id);
  await page.reload();
  await waitReady(page);
  await page.locator('#total-score').waitFor();
}

/** The open project as stored (after its pending save). */
export async function storedProject(page) {
  await page.locator('.save-status', { hasText: /已保存|未修改/ }).waitFor();
  // The debounced save (300 ms) of the last keystroke has begun by then; a
  // read of IndexedDB begun after a write waits for it to commit.
  await page.waitForTimeout(350);
  const id = await page.evaluate(() => decodeURIComponent(location.hash.split('/').pop()));
  return (await storedRecord(page, id))?.project;
}

/** The indicator tree without ids (what a user sees and can compare). */
export function treeOf(project) {
  return project.indicators.map((l1) => ({
    ...l1,
    groups: l1.groups.map((l2) => ({ ...l2, indicators: l2.indicators.map(({ id, ...rest }) => rest) })),
  }));
}

// The example project's 附1 table as a clerk has it in Excel, for pasting.
export const EXAMPLE_HEAD = ['一级指标', '二级指标', '三级指标', '指标性质', '年度指标值', '计量单位', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
/** The example project's 附1 rows as its table prints them (一级 and 二级 merged down). */
export const EXAMPLE_ROWS = [
  ['产出指标', '质量指标', '网络终端稳定运行保障天数', '正向', '≥365', '天', '365', '20', '20', ''],
  ['', '数量指标', '保障网络终端数量', '正向', '≥200', '台', '235', '20', '20', ''],
  ['', '成本指标', '成本偏差率', '区间', '±0', '%', '0', '20', '20', ''],
  ['', '时效指标', '资金支付及时率', '正向', '≥100', '%', '100', '15', '15', ''],
  ['', '', '项目完成时间符合目标', '定性', '按年初计划完成', '', '达成年度指标', '15', '15', ''],
];
const EXAMPLE_TOTAL = ['总分', '', '', '', '', '', '', '90', '90', ''];

/** The rows as TSV, merged cells left blank as Excel and WPS copy them. */
export const exampleTsv = () => [EXAMPLE_HEAD, ...EXAMPLE_ROWS, EXAMPLE_TOTAL].map((r) => r.join('\t')).join('\r\n') + '\r\n';

/** The rows as Excel's clipboard HTML: merged cells are one cell with a rowspan. */
export function exampleHtml() {
  const spans = { 0: [[0, 5]], 1: [[3, 2]] }; // 产出指标 over 5 rows, 时效指标 over 2
  const cell = (text, attrs = '') => `<td class=xl65${attrs}>${text}</td>`;
  const body = EXAMPLE_ROWS.map((row, r) => {
    const cells = row.map((text, c) => {
      const run = (spans[c] ?? []).find(([from, n]) => r >= from && r < from + n);
      if (!run) return cell(text);
      return r === run[0] ? cell(text, ` rowspan=${run[1]}`) : '';
    });
    return `<tr height=19>${cells.join('')}</tr>`;
  });
  const head = `<tr>${EXAMPLE_HEAD.map((h) => cell(h)).join('')}</tr>`;
  const total = `<tr>${cell('总分', ' colspan=7')}${cell('90')}${cell('90')}${cell('')}</tr>`;
  return `<html><body><!--StartFragment--><table border=0>${head}${body.join('')}${total}</table><!--EndFragment--></body></html>`;
}

