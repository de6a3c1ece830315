import { Button, Result } from 'antd';

/** A page (or the console) could not load: the reason in Chinese and 重试. */
export function LoadFailure({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Result
      status="error"
      title={message}
      extra={
        <Button type="primary" onClick={onRetry}>
          重试
        </Button>
      }
    />
  );
}
