import { Button, Result } from 'antd';
import { navigate } from '../lib/router';

export function UnderConstruction({ title }: { title: string }) {
  return (
    <div className="page">
      <Result
        status="info"
        title={`${title}：建设中`}
        subTitle="这部分功能正在开发，将在后续版本中提供。现在可以先使用党员名册和组织管理。"
        extra={
          <Button type="primary" onClick={() => navigate('/members')}>
            返回党员名册
          </Button>
        }
      />
    </div>
  );
}
