import { useRef } from 'react';
import { Alert, App, Button, Card, QRCode, Space, Typography } from 'antd';
import { copyText, downloadCanvasSize, entryQrs, entryUrlOf, isLoopbackHost, qrLook, qrScreenSize, type EntryQr } from '../lib/entry-qr.ts';
import { saveUrl } from '../lib/save-file.ts';

/**
 * 入口二维码: the QR codes people scan to start 用户注册 and 解除绑定 (manual
 * 1.1 and 3.1), drawn by antd's QRCode from the console's own address, since
 * the H5 is served on the same origin. 打印 puts just the codes and their
 * titles on paper (admin.css hides everything else in print); 下载 saves each
 * as a PNG.
 */
export default function EntryQrPage() {
  const isLoopback = isLoopbackHost(window.location.hostname);
  return (
    <>
      <div className="admin-toolbar entry-qr-noprint">
        <Typography.Title level={2} className="admin-page-title">
          入口二维码
        </Typography.Title>
        <Button type="primary" onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <Typography.Paragraph type="secondary" className="entry-qr-noprint">
        师生用微信扫描二维码，打开办事大厅的用户注册或解除绑定页面。可打印张贴，或下载图片放入通知和使用手册。
      </Typography.Paragraph>
      {isLoopback && (
        <Alert
          type="warning"
          showIcon
          className="entry-qr-noprint entry-qr-loopback"
          title={`当前通过本机地址（${window.location.host}）打开管理控制台，二维码中的链接在手机上无法打开。请用师生访问办事大厅的地址打开本页后再打印或下载。`}
        />
      )}
      <div className="entry-qr-grid">
        {entryQrs.map((entry) => (
          <EntryQrCard key={entry.key} entry={entry} />
        ))}
      </div>
    </>
  );
}

/**
 * One entry: its QR code, the address as text, 复制链接 and 下载. The code on
 * screen is an SVG, sharp on screen and in print at any size; 下载 saves a
 * larger copy drawn on a hidden canvas, as antd's own demo does.
 */
function EntryQrCard({ entry }: { entry: EntryQr }) {
  const { message } = App.useApp();
  const url = entryUrlOf(entry);
  const downloadCode = useRef<HTMLDivElement>(null);

  async function copyLink() {
    try {
      await copyText(url);
      void message.success('已复制链接');
    } catch {
      void message.error('复制失败，请选中链接后手动复制');
    }
  }

  function download() {
    try {
      const canvas = downloadCode.current?.querySelector('canvas');
      if (!canvas) throw new Error('no canvas');
      saveUrl(canvas.toDataURL('image/png'), entry.fileName);
    } catch {
      void message.error('二维码图片生成失败，请重试');
    }
  }

  return (
    <section aria-label={entry.title} className="entry-qr-card">
      <Card title={entry.title} classNames={{ root: 'entry-qr-card__root', header: 'entry-qr-card__header', title: 'entry-qr-card__title', body: 'entry-qr-card__body' }}>
        <div className="entry-qr-card__picture">
          <QRCode {...qrLook} type="svg" value={url} size={qrScreenSize} className="entry-qr-card__code" aria-label={`${entry.title}二维码`} />
        </div>
        <div ref={downloadCode} hidden>
          <QRCode {...qrLook} type="canvas" value={url} size={downloadCanvasSize()} />
        </div>
        <div className="entry-qr-noprint">
          <Typography.Paragraph className="entry-qr-card__instruction">{entry.instruction}</Typography.Paragraph>
          <Typography.Paragraph className="entry-qr-card__url">
            <Typography.Text code>{url}</Typography.Text>
          </Typography.Paragraph>
          <Space wrap>
            <Button onClick={() => void copyLink()}>复制链接</Button>
            <Button onClick={download}>下载</Button>
          </Space>
        </div>
      </Card>
    </section>
  );
}
