// Typing into the editor through its labels, as a user does.

/** 载入示例 from the list: the example project opens in the editor. */
export async function openExample(page) {
  await page.getByRole('button', { name: '载入示例' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#/edit/'));
}

/** Fills cells of one funds row, by column label. */
export async function fillFunds(page, rowName, values) {
  const row = page.locator('table.funds tbody tr', { has: page.locator('th', { hasText: rowName }) });
  for (const [label, value] of Object.entries(values)) {
    await row.getByLabel(label).fill(value);
  }
}

/** Clicks 添加指标 in a 二级 group and fills the new row through its labels. */
export async function addIndicator(page, group, fields) {
  await page.locator(`.row-level2[data-group="${group}"]`).getByRole('button', { name: '添加指标' }).click();
  const row = page.locator('.row-indicator:has(:focus)');
  await row.waitFor();
  await row.getByLabel('三级指标').fill(fields.name);
  if (fields.kind) await row.getByLabel('指标性质').selectOption({ label: fields.kind });
  await row.getByLabel('年度指标值').fill(fields.target);
  await row.getByLabel('计量单位').fill(fields.unit);
  if (fields.grade) {
    await row.getByLabel('评价等级').selectOption({ label: fields.grade });
  } else {
    await row.getByLabel('实际完成值').fill(fields.actual);
  }
  await row.getByLabel('分值', { exact: true }).fill(fields.weight);
  return row;
}

/** Dispatches a paste of these clipboard contents into the focused element, as Ctrl+V does. */
export async function pasteInto(page, selector, data) {
  await page.locator(selector).focus();
  await page.evaluate(({ selector, data }) => {
    const transfer = new DataTransfer();
    for (const [type, text] of Object.entries(data)) transfer.setData(type, text);
    const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
    document.querySelector(selector).dispatchEvent(event);
  }, { selector, data });
}
