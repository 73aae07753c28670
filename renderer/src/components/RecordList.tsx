/**
 * The two halves of a register-style list page (驻区单位, 志愿者, 帮扶对象, 干部名册, 转接介绍信, 活动证 …), written
 * once: the filter bar with the page's 登记… button on the right, and the table under it with its error, its
 * 共 N … count and its empty text. A page keeps its own filters, columns and wording; these keep the look and the
 * behaviour the same on every page.
 */
import type { ReactNode } from 'react';
import { Alert, Button, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';

/**
 * The filter bar above a list: `children` are the filters (and any muted remark after them); on the right, after a
 * spacer, `extra` (e.g. 下载导入模板) and then the primary `add` button with a plus (登记驻区单位, 成立服务队 …).
 * Without either the bar holds only the filters.
 */
export function ListToolbar(props: { children?: ReactNode; add?: { label: string; onClick: () => void }; extra?: ReactNode }) {
  const { add, extra } = props;
  return (
    <div className="filters" style={{ marginBottom: 12 }}>
      {props.children}
      {(add != null || extra != null) && <span style={{ flex: 1 }} />}
      {extra}
      {add && (
        <Button type="primary" icon={<PlusOutlined />} onClick={add.onClick}>
          {add.label}
        </Button>
      )}
    </div>
  );
}

/**
 * A list's table: the error above it when the list could not be read, a spinner while `rows` is not there yet (and
 * there is no error), `pageSize` rows a page (20; `false`: all on one page, no pager) with `total` as the count
 * beside the pager, `empty` when there are none, and `onOpen` on a double-click of a row.
 */
export function RecordTable<T extends object>(props: {
  /** The table's data-testid (the end-to-end tests find the list by it). */
  testId: string;
  /** The rows; null or undefined while they are being read. */
  rows: T[] | null | undefined;
  error?: string | null;
  /** The field that tells rows apart (default `id`). */
  rowKey?: keyof T & string;
  pageSize?: number | false;
  /** The count beside the pager: (n) => `共 ${n} 个单位`. */
  total?: (n: number) => string;
  empty: ReactNode;
  onOpen?: (row: T) => void;
  columns: TableColumnsType<T>;
}) {
  const { rows, error, pageSize = 20, total, onOpen } = props;
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<T>
        data-testid={props.testId}
        rowKey={props.rowKey ?? 'id'}
        size="middle"
        loading={rows == null && !error}
        dataSource={rows ?? []}
        pagination={pageSize === false ? false : { pageSize, showSizeChanger: false, ...(total && { showTotal: total }) }}
        locale={{ emptyText: props.empty }}
        onRow={onOpen && ((r) => ({ onDoubleClick: () => onOpen(r) }))}
        columns={props.columns}
      />
    </>
  );
}
