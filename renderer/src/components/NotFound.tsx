import { Button, Result } from 'antd';
import { navigate } from '../lib/router';

/** An address the app does not know (an old link, a typo): said plainly, with the way back. */
export function NotFound() {
  return (
    <div className="page">
      <Result
        status="404"
        title="没有找到这个页面"
        subTitle="这个地址不对应软件中的任何页面，可能是旧的链接。请从左侧选择要用的功能。"
        extra={
          <Button type="primary" onClick={() => navigate('/members')}>
            返回党员名册
          </Button>
        }
      />
    </div>
  );
}
