/** The register's spreadsheet buttons: 下载导入模板 and 导出名册 (a job with progress and cancel). */
import { useState } from 'react';
import { App, Button, Modal } from 'antd';
import { ExportOutlined, FileExcelOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { FileDownload, MemberListQuery } from '../../../../shared/contract';
import { errorText } from '../../lib/format';
import { saveDownload } from '../../lib/files';
import { JobProgress, useJob } from '../../lib/jobs';

export function TemplateButton({ type = 'default' }: { type?: 'default' | 'link' }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const file = await api['members.template']({});
      saveDownload(file);
      void message.success(`已生成导入模板“${file.fileName}”`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type={type} icon={<FileExcelOutlined />} loading={busy} onClick={() => void onClick()}>
      下载导入模板
    </Button>
  );
}

/** Exports what the register shows: its filters, search and sort (every page, not just the one on screen). */
export function ExportButton({ query, total }: { query: MemberListQuery; total: number | null }) {
  const { message, modal } = App.useApp();
  const job = useJob();
  const [open, setOpen] = useState(false);
  const onClick = async () => {
    setOpen(true);
    try {
      const s = await job.run(() => api['members.export']({ query: { ...query, page: 1 } }));
      if (!s) return;
      if (s.state === 'done' && s.result && 'dataBase64' in s.result) {
        const file = s.result as FileDownload;
        saveDownload(file);
        void message.success(total != null ? `已导出 ${total} 人到“${file.fileName}”` : `已导出到“${file.fileName}”`);
      } else if (s.state === 'cancelled') void message.info('已取消导出');
      else if (s.state === 'failed') modal.error({ title: '导出没有完成', content: s.error?.message ?? errorText(null) });
    } catch (e) {
      modal.error({ title: '导出没有完成', content: errorText(e) });
    } finally {
      setOpen(false);
    }
  };
  return (
    <>
      <Button icon={<ExportOutlined />} loading={job.running} disabled={total === 0} onClick={() => void onClick()}>
        导出名册
      </Button>
      <Modal open={open} title="导出名册" footer={null} closable={false} mask={{ closable: false }} destroyOnHidden>
        <p className="muted" style={{ marginTop: 0 }}>
          按名册当前的筛选、搜索和排序导出{total != null ? `，共 ${total} 人` : ''}。
        </p>
        <JobProgress title="正在导出" status={job.status} onCancel={() => void job.cancel()} cancelLabel="取消导出" />
      </Modal>
    </>
  );
}
