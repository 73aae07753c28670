/** 党员名册: counts per classification, filters, search, the paginated list; opens detail and form. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Input, Segmented, Select, Table, Tag, TreeSelect, Tooltip } from 'antd';
import type { TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { PlusOutlined, SearchOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { MemberListQuery, MemberListResult, MemberListRow, MemberSortField } from '../../../../shared/contract';
import {
  EXIT_REASON_LABELS,
  MEMBERSHIP_KIND_LABELS,
  MEMBERSHIP_KINDS,
  SEX_LABELS,
  STANDING_LABELS,
  STANDINGS,
  TAGS,
  TAG_LABELS,
  TAG_SHORT,
  type MembershipKind,
  type Standing,
  type Tag as TagCode,
} from '../../../../shared/domain/labels';
import { ageOf, errorText, fmtDate, EMPTY } from '../../lib/format';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { useDebounced } from '../../lib/useDebounced';
import { MemberDetail } from './MemberDetail';
import { navigate } from '../../lib/router';
import { ExportButton, TemplateButton } from './excelActions';
import { MoveModal, type MoveTarget } from './MoveModal';

type Status = 'active' | 'left' | 'all';
type YesNo = 'yes' | 'no';

interface Filters {
  tags: TagCode[];
  orgId?: number;
  membershipKind?: MembershipKind;
  standing?: Standing;
  lostContact?: YesNo;
  floating?: YesNo;
  status: Status;
}

const SORTABLE: Record<string, MemberSortField> = {
  name: 'name',
  idNumberMasked: 'idNumber',
  birthDate: 'birthDate',
  joinedOn: 'joinedOn',
  branchName: 'branch',
};

const yesNo = (v: YesNo | undefined): boolean | undefined => (v === undefined ? undefined : v === 'yes');

interface View {
  filters: Filters;
  search: string;
  page: number;
  pageSize: number;
  sort: { field: MemberSortField; order: 'asc' | 'desc' };
}
/** The register's filters and page survive a trip to the form and back (the form is a page of its own). */
let lastView: View = { filters: { tags: [], status: 'active' }, search: '', page: 1, pageSize: 20, sort: { field: 'name', order: 'asc' } };

export function MemberRegister({ detailId }: { detailId: number | null }) {
  const { orgs, reload: reloadOrgs } = useOrgs();
  const [filters, setFilters] = useState<Filters>(lastView.filters);
  const [search, setSearch] = useState(lastView.search);
  const q = useDebounced(search.trim(), 300);
  const [page, setPage] = useState(lastView.page);
  const [pageSize, setPageSize] = useState(lastView.pageSize);
  const [sort, setSort] = useState<View['sort']>(lastView.sort);
  useEffect(() => {
    lastView = { filters, search, page, pageSize, sort };
  }, [filters, search, page, pageSize, sort]);
  const [result, setResult] = useState<MemberListResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const seq = useRef(0);

  const [detailKey, setDetailKey] = useState(0);
  /** Rows ticked for a bulk move; kept across pages and filters until moved or cleared. */
  const [selected, setSelected] = useState<MoveTarget[]>([]);
  const [moveOpen, setMoveOpen] = useState(false);

  const query = useMemo<MemberListQuery>(
    () => ({
      page,
      pageSize,
      sortField: sort.field,
      sortOrder: sort.order,
      ...(q ? { q } : {}),
      ...(filters.tags.length ? { tags: filters.tags } : {}),
      ...(filters.orgId != null ? { orgId: filters.orgId } : {}),
      ...(filters.membershipKind ? { membershipKind: filters.membershipKind } : {}),
      ...(filters.standing ? { standing: filters.standing } : {}),
      ...(filters.lostContact ? { lostContact: yesNo(filters.lostContact) } : {}),
      ...(filters.floating ? { floating: yesNo(filters.floating) } : {}),
      status: filters.status,
    }),
    [page, pageSize, sort, q, filters],
  );

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    api['members.list'](query).then(
      (r) => {
        if (mine !== seq.current) return;
        setResult(r);
        setLoadError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setLoadError(errorText(e));
        setLoading(false);
      },
    );
  }, [query, reloadKey]);

  // A new search or filter starts again at page 1.
  const setFilter = useCallback(<K extends keyof Filters>(k: K, v: Filters[K]) => {
    setFilters((f) => ({ ...f, [k]: v }));
    setPage(1);
  }, []);
  const firstQ = useRef(true);
  useEffect(() => {
    if (firstQ.current) firstQ.current = false;
    else setPage(1);
  }, [q]);

  const toggleTag = (t: TagCode) =>
    setFilter('tags', filters.tags.includes(t) ? filters.tags.filter((x) => x !== t) : [...filters.tags, t]);

  const anyFilter =
    filters.tags.length > 0 ||
    filters.orgId != null ||
    !!filters.membershipKind ||
    !!filters.standing ||
    !!filters.lostContact ||
    !!filters.floating ||
    filters.status !== 'active' ||
    search.trim() !== '';

  const refreshAll = () => {
    setReloadKey((k) => k + 1);
    setDetailKey((k) => k + 1);
    void reloadOrgs();
  };

  const baseColumns: NonNullable<TableProps<MemberListRow>['columns']> = [
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      width: 90,
      sorter: true,
      render: (v: string) => <span style={{ fontWeight: 500 }}>{v}</span>,
    },
    { title: '性别', dataIndex: 'sex', key: 'sex', width: 56, render: (v: MemberListRow['sex']) => (v ? SEX_LABELS[v] : EMPTY) },
    {
      title: '公民身份号码',
      dataIndex: 'idNumberMasked',
      key: 'idNumberMasked',
      width: 178,
      sorter: true,
      render: (v: string, r) => (
        <span className="nowrap">
          <span className="id-number">{v}</span>
          {r.idStatus === 'legacy15' && (
            <Tag style={{ marginLeft: 6 }} color="default">
              旧号码
            </Tag>
          )}
          {r.idStatus === 'override' && (
            <Tooltip title="校验位未通过，已核对证件原件后确认保存">
              <Tag style={{ marginLeft: 6 }} color="warning">
                例外
              </Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
    {
      title: '出生日期',
      dataIndex: 'birthDate',
      key: 'birthDate',
      width: 146,
      sorter: true,
      render: (v: string | null) => {
        const age = ageOf(v);
        return (
          <span className="nowrap">
            {fmtDate(v)}
            {age != null && <span className="muted">（{age}岁）</span>}
          </span>
        );
      },
    },
    {
      title: '人员类别',
      dataIndex: 'membershipKind',
      key: 'membershipKind',
      width: 88,
      render: (v: MembershipKind) => (v === 'probationary' ? <Tag color="orange">预备党员</Tag> : MEMBERSHIP_KIND_LABELS[v]),
    },
    {
      title: '所在党支部',
      dataIndex: 'branchName',
      key: 'branchName',
      sorter: true,
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? <span className="muted">未编入党支部</span>,
    },
    { title: '加入党组织日期', dataIndex: 'joinedOn', key: 'joinedOn', width: 150, sorter: true, render: fmtDate },
    {
      title: '分类',
      dataIndex: 'tags',
      key: 'tags',
      width: 140,
      render: (tags: TagCode[]) =>
        tags.length ? (
          <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
            {tags.map((t) => (
              <Tooltip key={t} title={TAG_LABELS[t]}>
                <Tag style={{ marginInlineEnd: 0 }}>{TAG_SHORT[t]}</Tag>
              </Tooltip>
            ))}
          </span>
        ) : (
          <span className="muted">{EMPTY}</span>
        ),
    },
    {
      title: '状态',
      key: 'status',
      width: 104,
      render: (_: unknown, r) => {
        const marks = [];
        if (r.leftOn)
          marks.push(
            <Tooltip key="left" title={`${r.leftOn} 离开`}>
              <span className="left-mark">
                <Tag color="default">已离开</Tag>
                <span className="muted">{r.leftReason ? EXIT_REASON_LABELS[r.leftReason] : '其他'}</span>
              </span>
            </Tooltip>,
          );
        if (r.standing !== 'normal' && r.leftReason !== 'suspended')
          marks.push(
            <Tag key="standing" color="volcano">
              {STANDING_LABELS[r.standing]}
            </Tag>,
          );
        if (r.lostContact)
          marks.push(
            <Tag key="lost" color="red">
              失联
            </Tag>,
          );
        if (r.floating)
          marks.push(
            <Tag key="floating" color="blue">
              流动
            </Tag>,
          );
        return marks.length ? (
          <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>{marks}</span>
        ) : (
          <span className="muted">在册</span>
        );
      },
    },
  ];
  const columns = baseColumns.map((c): (typeof baseColumns)[number] => {
    const sf = SORTABLE[String(c.key)];
    const order: SortOrder = sf && sort.field === sf ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;
    return { ...c, sortOrder: order } as (typeof baseColumns)[number];
  });

  const onTableChange: TableProps<MemberListRow>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? SORTABLE[String(s.columnKey)] : undefined;
    const next = field ? { field, order: s!.order === 'descend' ? ('desc' as const) : ('asc' as const) } : { field: 'name' as const, order: 'asc' as const };
    if (next.field !== sort.field || next.order !== sort.order) {
      setSort(next);
      setPage(1);
      return;
    }
    if (pagination.pageSize && pagination.pageSize !== pageSize) {
      setPageSize(pagination.pageSize);
      setPage(1);
    } else if (pagination.current) setPage(pagination.current);
  };

  const tagCounts = result?.tagCounts;
  const orgOptions = useMemo(() => orgTreeOptions(orgs), [orgs]);

  return (
    <div className="page">
      <div className="page-title">
        <h1>党员名册</h1>
        <div className="actions">
          <TemplateButton />
          <ExportButton query={query} total={result?.total ?? null} />
          <Button icon={<UploadOutlined />} onClick={() => navigate('/members/import')}>
            导入
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/members/new')}
          >
            新增党员
          </Button>
        </div>
      </div>

      <section className="panel" aria-label="分类统计">
        <div className="tag-counts">
          <button
            type="button"
            className={`tag-count total${filters.tags.length === 0 ? ' active' : ''}`}
            onClick={() => setFilter('tags', [])}
            aria-pressed={filters.tags.length === 0}
          >
            <span className="label">{filters.status === 'left' ? '已离开' : filters.status === 'all' ? '全部人员' : '在册党员'}</span>
            <span className="num">{result ? result.totalIgnoringTags : EMPTY}</span>
          </button>
          {TAGS.map((t) => (
            <button
              type="button"
              key={t}
              className={`tag-count${filters.tags.includes(t) ? ' active' : ''}`}
              onClick={() => toggleTag(t)}
              aria-pressed={filters.tags.includes(t)}
              title={`只看${TAG_LABELS[t]}（再点一次取消）`}
            >
              <span className="label">{TAG_LABELS[t]}</span>
              <span className="num">{tagCounts ? tagCounts[t] : EMPTY}</span>
            </button>
          ))}
        </div>
      </section>

      <section className="panel" aria-label="筛选">
        <div className="filters">
          <Input
            allowClear
            prefix={<SearchOutlined className="muted" />}
            placeholder="搜索姓名、身份证号、拼音首字母（如 zs）"
            aria-label="搜索党员"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            maxLength={40}
            style={{ width: 330 }}
          />
          <Segmented<Status>
            aria-label="在册状态"
            value={filters.status}
            onChange={(v) => setFilter('status', v)}
            options={[
              { label: '在册', value: 'active' },
              { label: '已离开', value: 'left' },
              { label: '全部', value: 'all' },
            ]}
          />
          <span className="filter">
            <span className="filter-label">分类</span>
            <Select<TagCode[]>
              mode="multiple"
              allowClear
              aria-label="分类"
              placeholder="全部分类"
              value={filters.tags}
              onChange={(v) => setFilter('tags', v)}
              options={TAGS.map((t) => ({ value: t, label: TAG_SHORT[t] }))}
              maxTagCount="responsive"
              style={{ width: 190 }}
            />
          </span>
          <span className="filter">
            <span className="filter-label">所在党支部</span>
            <TreeSelect<number>
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              aria-label="所在党支部"
              placeholder="全部组织（含下级）"
              value={filters.orgId}
              onChange={(v) => setFilter('orgId', v ?? undefined)}
              treeData={orgOptions}
              treeDefaultExpandAll
              popupMatchSelectWidth={320}
              style={{ width: 210 }}
            />
          </span>
          <span className="filter">
            <span className="filter-label">人员类别</span>
            <Select<MembershipKind>
              allowClear
              aria-label="人员类别"
              placeholder="全部"
              value={filters.membershipKind}
              onChange={(v) => setFilter('membershipKind', v ?? undefined)}
              options={MEMBERSHIP_KINDS.map((k) => ({ value: k, label: MEMBERSHIP_KIND_LABELS[k] }))}
              style={{ width: 112 }}
            />
          </span>
          <span className="filter">
            <span className="filter-label">党籍状态</span>
            <Select<Standing>
              allowClear
              aria-label="党籍状态"
              placeholder="全部"
              value={filters.standing}
              onChange={(v) => setFilter('standing', v ?? undefined)}
              options={STANDINGS.map((k) => ({ value: k, label: STANDING_LABELS[k] }))}
              style={{ width: 108 }}
            />
          </span>
          <span className="filter">
            <span className="filter-label">失联</span>
            <Select<YesNo>
              allowClear
              aria-label="失联"
              placeholder="全部"
              value={filters.lostContact}
              onChange={(v) => setFilter('lostContact', v ?? undefined)}
              options={[
                { value: 'yes', label: '失联党员' },
                { value: 'no', label: '未失联' },
              ]}
              style={{ width: 108 }}
            />
          </span>
          <span className="filter">
            <span className="filter-label">流动</span>
            <Select<YesNo>
              allowClear
              aria-label="流动"
              placeholder="全部"
              value={filters.floating}
              onChange={(v) => setFilter('floating', v ?? undefined)}
              options={[
                { value: 'yes', label: '流动党员' },
                { value: 'no', label: '非流动' },
              ]}
              style={{ width: 108 }}
            />
          </span>
          {anyFilter && (
            <Button
              type="link"
              onClick={() => {
                setFilters({ tags: [], status: 'active' });
                setSearch('');
                setPage(1);
              }}
            >
              清除筛选
            </Button>
          )}
        </div>
      </section>

      {loadError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="名册没有加载出来"
          description={loadError}
          action={<Button onClick={() => setReloadKey((k) => k + 1)}>重试</Button>}
        />
      )}

      <div className="panel" style={{ padding: 0 }}>
        <div
          role="toolbar"
          aria-label="批量操作"
          style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '8px 16px', borderBottom: '1px solid #f0f0f0', minHeight: 44 }}
        >
          {selected.length ? (
            <>
              <span>
                已选择 <strong>{selected.length}</strong> 名党员
              </span>
              <Button type="primary" size="small" icon={<SwapOutlined />} onClick={() => setMoveOpen(true)}>
                转移党支部
              </Button>
              <Button size="small" type="link" onClick={() => setSelected([])}>
                取消选择
              </Button>
            </>
          ) : (
            <>
              <span className="muted">勾选党员后可批量转移党支部（可跨页勾选）</span>
              <Button size="small" icon={<SwapOutlined />} disabled>
                转移党支部
              </Button>
            </>
          )}
        </div>
        <Table<MemberListRow>
          data-testid="member-table"
          className="member-table"
          rowKey="id"
          rowSelection={{
            columnWidth: 44,
            preserveSelectedRowKeys: true,
            selectedRowKeys: selected.map((m) => m.id),
            getCheckboxProps: (r) => ({ disabled: r.leftOn != null, 'aria-label': `选择 ${r.name}` }),
            onChange: (keys, rows) => {
              const known = new Map<number, MoveTarget>(selected.map((m) => [m.id, m]));
              for (const r of rows) if (r) known.set(r.id, { id: r.id, name: r.name });
              setSelected(keys.map((k) => known.get(Number(k))).filter((m): m is MoveTarget => !!m));
            },
          }}
          sticky={{ getContainer: () => document.querySelector<HTMLElement>('.app-content') ?? window }}
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={result?.rows ?? []}
          loading={loading}
          onChange={onTableChange}
          onRow={(r) => ({
            onClick: (e) => {
              // A click on the row's checkbox ticks it; anywhere else opens the member.
              if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
              navigate(`/members/${r.id}`);
            },
          })}
          locale={{ emptyText: anyFilter ? '没有符合条件的党员，请调整筛选条件或搜索内容' : '名册中还没有党员，点击右上角“新增党员”开始登记' }}
          pagination={{
            current: page,
            pageSize,
            total: result?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => `共 ${total} 人`,
            showQuickJumper: true,
            style: { padding: '0 16px' },
          }}
        />
      </div>

      <MoveModal
        members={selected}
        open={moveOpen}
        onClose={() => setMoveOpen(false)}
        onDone={() => {
          setMoveOpen(false);
          setSelected([]);
          refreshAll();
        }}
      />

      <MemberDetail
        id={detailId}
        reloadKey={detailKey}
        onClose={() => navigate('/members')}
        onEdit={(m) => navigate(`/members/${m.id}/edit`)}
        onChanged={refreshAll}
      />
    </div>
  );
}
