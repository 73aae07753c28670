import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';
import type { ReactNode } from 'react';

/** The spreadsheets every import reads (the format is told from the bytes, not the extension); .htm/.mht: a sheet saved as a web page or web archive. */
export const SPREADSHEET_ACCEPT = '.xlsx,.xls,.csv,.htm,.html,.mht,.mhtml';

/** Where a clerk picks or drops the spreadsheet to import: one file, handed to `onChoose`, never uploaded by antd. */
export function SpreadsheetDropZone(props: { label: string; text: ReactNode; hint?: ReactNode; disabled?: boolean; onChoose: (file: File) => void }) {
  return (
    <Upload.Dragger
      accept={SPREADSHEET_ACCEPT}
      multiple={false}
      showUploadList={false}
      disabled={props.disabled}
      aria-label={props.label}
      beforeUpload={(f) => {
        props.onChoose(f);
        return Upload.LIST_IGNORE;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{props.text}</p>
      {props.hint && <p className="ant-upload-hint">{props.hint}</p>}
    </Upload.Dragger>
  );
}
