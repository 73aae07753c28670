/** 组织管理 through the real UI: build the tree, edit a record on the right, see the rule warnings and the overview. */
import { test, expect } from './fixtures';
import { idCheckChar } from '../../shared/rules/idNumber';

test('a clerk builds the organisation tree and edits a node', async ({ page, webApp }) => {
  await page.goto(webApp.url);
  await page.getByRole('menuitem', { name: '组织管理' }).click();
  await expect(page.getByRole('heading', { name: '组织管理' })).toBeVisible();

  // A top-level organisation.
  await page.getByRole('button', { name: '添加顶级组织' }).click();
  let modal = page.getByRole('dialog').filter({ hasText: '添加党组织' });
  await modal.getByRole('button', { name: '保存', exact: true }).click();
  await expect(modal.getByLabel('组织名称')).toHaveAccessibleDescription('请填写组织名称');
  await modal.getByLabel('组织名称').fill('青松街道党工委');
  await expect(modal.getByLabel('组织类别')).toBeVisible();
  await expect(modal).toContainText('街道党工委'); // the default kind for a top-level organisation
  await modal.getByRole('button', { name: '保存', exact: true }).click();
  await expect(modal).toBeHidden();
  const tree = page.getByRole('tree', { name: '党组织' });
  await expect(tree).toContainText('青松街道党工委');

  // A child, from the node's own 添加下级.
  const streetNode = tree.getByRole('treeitem').filter({ hasText: '青松街道党工委' });
  await streetNode.hover();
  await streetNode.getByRole('button', { name: '添加下级' }).click();
  modal = page.getByRole('dialog').filter({ hasText: '添加党组织' });
  await expect(modal).toContainText('青松街道党工委'); // 上级组织 preset to the node
  await modal.getByLabel('组织名称').fill('青松社区第一支部');
  await modal.getByLabel('组织类别').click();
  await page.getByTitle('党支部', { exact: true }).click();
  await modal.getByRole('button', { name: '保存', exact: true }).click();
  await expect(modal).toBeHidden();
  await expect(tree).toContainText('青松社区第一支部');

  const orgs = await webApp.must<{ id: number; name: string; parentId: number | null; kind: string }[]>('orgs.list', {});
  const street = orgs.find((o) => o.name === '青松街道党工委')!;
  const branch = orgs.find((o) => o.name === '青松社区第一支部')!;
  expect(branch.parentId).toBe(street.id);
  expect(branch.kind).toBe('branch');

  // Rename it in the record on the right.
  await tree.getByRole('treeitem').filter({ hasText: '青松社区第一支部' }).click();
  const detail = page.getByRole('region', { name: '组织信息' });
  await expect(detail.getByRole('heading', { name: '青松社区第一支部' })).toBeVisible();
  await detail.getByRole('button', { name: '编辑' }).click();
  await expect(detail.getByLabel('组织名称')).toHaveValue('青松社区第一支部');
  await detail.getByLabel('组织名称').fill('青松社区第一党支部');
  await detail.getByRole('button', { name: '保存' }).click();
  await expect(detail.getByRole('heading', { name: '青松社区第一党支部' })).toBeVisible();
  await expect(tree).toContainText('青松社区第一党支部');
  await expect(tree.getByRole('treeitem').filter({ hasText: '青松社区第一党支部' })).toContainText('正式 0');
});

test('a clerk completes a branch record and sees its rule warnings, here and on the overview', async ({ page, webApp }) => {
  const street = await webApp.must<{ id: number }>('orgs.create', { org: { name: '翠湖街道党工委', kind: 'streetCommittee', parentId: null } });
  const community = await webApp.must<{ id: number }>('orgs.create', { org: { name: '翠湖社区党委', kind: 'communityCommittee', parentId: street.id } });
  const branch = await webApp.must<{ id: number }>('orgs.create', { org: { name: '翠湖社区第一党支部', kind: 'branch', parentId: community.id } });
  const memberIds: number[] = [];
  for (const [i, name] of ['赵一', '钱二'].entries()) {
    const first17 = `11010519800101${String(301 + i * 2).padStart(3, '0')}`;
    const { id } = await webApp.must<{ id: number }>('members.create', {
      member: {
        name, sex: null, ethnicity: '汉族', idNumber: first17 + idCheckChar(first17), idOverrideReason: null, birthDate: null, education: null,
        membershipKind: 'full', branchId: branch.id, joinedOn: null, confirmedOn: null, occupation: null, mobile: null, phone: null, address: null,
        standing: 'normal', lostContact: false, lostContactSince: null, floating: false, floatingDirection: null, floatingDestination: null,
        tags: ['resident'], specialties: null, note: null,
      },
    });
    memberIds.push(id);
  }
  await page.goto(`${webApp.url}#/orgs/${branch.id}`);
  const detail = page.getByRole('region', { name: '组织信息' });
  await expect(detail.getByRole('heading', { name: '翠湖社区第一党支部' })).toBeVisible();
  // Two 正式党员: the rule names itself, on the record and as a warning count in the tree.
  await expect(detail.getByRole('region', { name: '规则提醒' })).toContainText('少于3名正式党员');
  await expect(page.getByRole('tree', { name: '党组织' }).getByRole('treeitem').filter({ hasText: '翠湖社区第一党支部' })).toContainText('正式 2');

  // Fill in the record: founding, contact, a unit, the secretary picked from the register and a committee member by name.
  await detail.getByRole('button', { name: '编辑' }).click();
  await detail.getByLabel('建立日期').fill('2012-07-01');
  await detail.getByLabel('建立文号').fill('翠社党〔2012〕5号');
  await detail.getByLabel('联系电话').fill('010-87654321');
  await detail.getByLabel('选举日期（本届）').fill('2022-01-10');
  await detail.getByLabel('任期（年）').fill('5');
  await expect(detail.getByText('2027-01-10')).toBeVisible(); // 届满 computed as the clerk types
  await expect(detail).toContainText('换届提醒');
  await detail.getByRole('button', { name: '添加单位' }).click();
  await detail.getByLabel('所在单位 1', { exact: true }).fill('翠湖物业服务中心');
  await detail.getByRole('button', { name: '添加书记／委员' }).click();
  await detail.getByLabel('第 1 位的姓名', { exact: true }).fill('赵');
  await page.locator('.ant-select-item-option').filter({ hasText: '赵一（翠湖社区第一党支部' }).click();
  await expect(detail.getByLabel('第 1 位的姓名', { exact: true })).toHaveValue('赵一');
  await detail.getByRole('button', { name: '添加书记／委员' }).click();
  await detail.getByLabel('第 2 位的姓名', { exact: true }).fill('孙组织');
  await detail.getByLabel('第 2 位的职务', { exact: true }).click();
  await page.getByTitle('组织委员', { exact: true }).click();
  await detail.getByRole('button', { name: '保存' }).click();

  await expect(detail.getByRole('heading', { name: '翠湖社区第一党支部' })).toBeVisible();
  await expect(detail).toContainText('翠社党〔2012〕5号');
  await expect(detail).toContainText('翠湖物业服务中心');
  await expect(detail).toContainText('2027-01-10');
  const officers = detail.getByRole('table');
  await expect(officers.getByRole('row').filter({ hasText: '赵一' })).toContainText('书记');
  await expect(officers.getByRole('row').filter({ hasText: '赵一' })).toContainText('党员名册');
  await expect(officers.getByRole('row').filter({ hasText: '孙组织' })).toContainText('组织委员');
  const warnings = detail.getByRole('region', { name: '规则提醒' });
  await expect(warnings).toContainText('少于3名正式党员');
  await expect(warnings).toContainText('换届提醒');
  await expect(detail.getByRole('region', { name: '操作日志' })).toContainText('建立文号：（空） → 翠社党〔2012〕5号');

  // The 概览 page lists it under the rule (the title's 规则提醒 leads there); its name leads back to the record.
  await page.getByRole('button', { name: /^规则提醒/ }).click();
  const overview = page.getByRole('region', { name: '规则提醒' });
  await expect(overview).toContainText('少于3名正式党员');
  await overview.getByRole('button', { name: '翠湖社区第一党支部' }).first().click();
  await expect(page.getByRole('region', { name: '组织信息' }).getByRole('heading', { name: '翠湖社区第一党支部' })).toBeVisible();

  // 撤销 is refused while members remain.
  await page.getByRole('region', { name: '组织信息' }).getByRole('button', { name: '撤销' }).click();
  const modal = page.getByRole('dialog').filter({ hasText: '撤销组织' });
  await modal.getByLabel('撤销日期').fill('2026-01-01');
  await modal.getByLabel('撤销日期').press('Enter');
  await modal.getByRole('button', { name: '撤销' }).click();
  await expect(modal).toContainText('还有 2 名在册党员，不能撤销');
  await modal.getByRole('button', { name: '取消' }).click();

  // Once the members have left, it can be dissolved, and the page moves to its parent. (This also leaves the
  // worker's shared database with the organisations the other specs expect to pick from.)
  for (const id of memberIds) await webApp.must('members.exit', { id, reason: 'transferOut', date: '2026-01-01', note: null });
  await page.reload();
  await page.getByRole('region', { name: '组织信息' }).getByRole('button', { name: '撤销' }).click();
  await modal.getByLabel('撤销日期').fill('2026-01-02');
  await modal.getByLabel('撤销日期').press('Enter');
  await modal.getByLabel('撤销说明').fill('党员已转出');
  await modal.getByRole('button', { name: '撤销' }).click();
  await expect(page.getByRole('region', { name: '组织信息' }).getByRole('heading', { name: '翠湖社区党委' })).toBeVisible();
  await expect(page.getByRole('tree', { name: '党组织' })).not.toContainText('翠湖社区第一党支部');
  await webApp.must('orgs.dissolve', { id: community.id, date: '2026-01-02', note: null });
  await webApp.must('orgs.dissolve', { id: street.id, date: '2026-01-02', note: null });
});

test('an address the app does not know says so in Chinese, with the way back', async ({ page, webApp }) => {
  await page.goto(`${webApp.url}#/no-such-page`);
  await expect(page.getByText('没有找到这个页面')).toBeVisible();
  await page.getByRole('button', { name: '返回党员名册' }).click();
  await expect(page.getByRole('heading', { name: '党员名册' })).toBeVisible();
});

test('a clerk records the 办公地址; a save over a record changed elsewhere is refused and reopens on the new copy; 支委会超过7人 is told', async ({ page, webApp }) => {
  const street = await webApp.must<{ id: number }>('orgs.create', { org: { name: '松柏街道党工委', kind: 'streetCommittee', parentId: null } });
  const branch = await webApp.must<{ id: number }>('orgs.create', { org: { name: '松柏社区第一党支部', kind: 'branch', parentId: street.id } });
  await page.goto(`${webApp.url}#/orgs/${branch.id}`);
  const detail = page.getByRole('region', { name: '组织信息' });
  await expect(detail.getByRole('heading', { name: '松柏社区第一党支部' })).toBeVisible();

  // The address, on the record and in its 操作日志.
  await detail.getByRole('button', { name: '编辑' }).click();
  await detail.getByLabel('办公地址').fill('松柏路8号党群服务中心二楼');
  await detail.getByRole('button', { name: '保存' }).click();
  await expect(detail.getByRole('heading', { name: '松柏社区第一党支部' })).toBeVisible();
  await expect(detail).toContainText('松柏路8号党群服务中心二楼');
  await expect(detail.getByRole('region', { name: '操作日志' })).toContainText('办公地址：（空） → 松柏路8号党群服务中心二楼');

  // The form is open here while another window saves eight 书记和委员.
  await detail.getByRole('button', { name: '编辑' }).click();
  await detail.getByLabel('建立文号').fill('松社党〔2020〕1号');
  const current = await webApp.must<{ version: number }>('orgs.get', { id: branch.id });
  const officers = Array.from({ length: 8 }, (_, i) => ({ memberId: null, name: `委员${i + 1}`, role: i ? 'member' : 'secretary' }));
  await webApp.must('orgs.update', { id: branch.id, expectedVersion: current.version, org: { name: '松柏社区第一党支部', kind: 'branch', parentId: street.id, officers } });
  await detail.getByRole('button', { name: '保存' }).click();
  const refused = detail.getByRole('alert').filter({ hasText: '这个组织刚被修改过，请重新打开后再改' });
  await expect(refused).toBeVisible();
  expect((await webApp.must<{ foundingDocNo: string | null; officers: unknown[] }>('orgs.get', { id: branch.id })).foundingDocNo).toBeNull();
  // 重新打开: the form again, on the copy the other window saved.
  await refused.getByRole('button', { name: '重新打开' }).click();
  await expect(detail.getByLabel('第 8 位的姓名', { exact: true })).toHaveValue('委员8');
  await expect(detail.getByLabel('建立文号')).toHaveValue('');
  await expect(detail.getByLabel('办公地址')).toHaveValue('松柏路8号党群服务中心二楼');
  await detail.getByLabel('建立文号').fill('松社党〔2020〕1号');
  await detail.getByRole('button', { name: '保存' }).click();
  await expect(detail.getByRole('heading', { name: '松柏社区第一党支部' })).toBeVisible();
  await expect(detail).toContainText('松社党〔2020〕1号');

  // Eight officers: 支委会超过7人, on the record, in the tree's warnings and in the overview.
  await expect(detail.getByRole('region', { name: '规则提醒' })).toContainText('支委会超过7人');
  await expect(detail.getByRole('region', { name: '规则提醒' })).toContainText('登记了 8 名书记和委员，超过 7 人');
  const overview = await webApp.must<{ groups: { title: string; items: { orgId: number }[] }[] }>('orgs.overview', {});
  expect(overview.groups.find((g) => g.title === '支委会超过7人')!.items.map((i) => i.orgId)).toEqual([branch.id]);
  // Down to seven: the warning goes.
  await detail.getByRole('button', { name: '编辑' }).click();
  await detail.getByRole('button', { name: '删除第 8 位' }).click();
  await detail.getByRole('button', { name: '保存' }).click();
  await expect(detail.getByRole('heading', { name: '松柏社区第一党支部' })).toBeVisible();
  await expect(detail.getByRole('region', { name: '规则提醒' })).not.toContainText('支委会超过7人');

  // Leave the shared database's organisations as the other specs expect.
  await webApp.must('orgs.dissolve', { id: branch.id, date: '2026-01-02', note: null });
  await webApp.must('orgs.dissolve', { id: street.id, date: '2026-01-02', note: null });
});
