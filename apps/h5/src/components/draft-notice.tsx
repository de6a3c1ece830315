import { Button, Dialog } from 'antd-mobile';

/** Says the form holds what the person left unsubmitted on this phone, and offers to start again. */
export function DraftNotice({ onReset }: { onReset: () => void }) {
  return (
    <div className="draft-notice" role="status">
      <span>已恢复您上次未提交的填写内容</span>
      <Button
        size="mini"
        fill="none"
        color="warning"
        onClick={async () => {
          if (await Dialog.confirm({ content: '清空已填写的内容，重新填写？', confirmText: '清空', cancelText: '保留' })) onReset();
        }}
      >
        清空重填
      </Button>
    </div>
  );
}
