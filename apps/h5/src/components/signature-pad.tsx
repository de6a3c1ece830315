import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { Button } from 'antd-mobile';
import { t } from '../i18n/translate.ts';

interface SignaturePadProps {
  /** The signature as a PNG, when the person taps 确定. */
  onConfirm: (png: Blob) => void;
  onCancel: () => void;
  /** Height of the writing area in CSS pixels. */
  height?: number;
  busy?: boolean;
}

/**
 * A handwritten signature: a canvas the person writes on with a finger (or
 * a mouse, or a pen: pointer events), sharp on every screen because it is
 * sized in device pixels, with 清除 and 确定. The result is a PNG on white.
 * No library: a canvas and a few pointer events are all a signature needs.
 */
export function SignaturePad({ onConfirm, onCancel, height = 220, busy = false }: SignaturePadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [hasInk, setHasInk] = useState(false);

  /** Sizes the canvas to its box in device pixels and paints it white (a resize clears it). */
  function prepare() {
    const element = canvas.current;
    if (!element) return;
    const ratio = Math.max(1, window.devicePixelRatio || 1);
    const width = element.clientWidth || 320;
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    const context = element.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#1f2329';
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.lineWidth = 2.5;
    context.strokeStyle = '#1f2329';
    setHasInk(false);
  }

  useEffect(() => {
    prepare();
    // A turned phone changes the width: start again rather than stretch the ink.
    window.addEventListener('orientationchange', prepare);
    return () => window.removeEventListener('orientationchange', prepare);
  }, [height]);

  const pointAt = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };

  function down(event: PointerEvent<HTMLCanvasElement>) {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = pointAt(event);
    last.current = point;
    // A tap leaves a dot.
    const context = event.currentTarget.getContext('2d');
    context?.beginPath();
    context?.arc(point.x, point.y, 1.2, 0, Math.PI * 2);
    context?.fill();
  }

  function move(event: PointerEvent<HTMLCanvasElement>) {
    if (!last.current) return;
    event.preventDefault();
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    // Coalesced events keep fast strokes smooth where the browser gives them.
    const events = typeof event.nativeEvent.getCoalescedEvents === 'function' ? event.nativeEvent.getCoalescedEvents() : [];
    const box = event.currentTarget.getBoundingClientRect();
    const points = events.length > 0 ? events.map((e) => ({ x: e.clientX - box.left, y: e.clientY - box.top })) : [pointAt(event)];
    context.beginPath();
    context.moveTo(last.current.x, last.current.y);
    for (const point of points) context.lineTo(point.x, point.y);
    context.stroke();
    last.current = points[points.length - 1]!;
    if (!hasInk) setHasInk(true);
  }

  function up() {
    last.current = null;
  }

  function confirm() {
    canvas.current?.toBlob((blob) => blob && onConfirm(blob), 'image/png');
  }

  return (
    <div className="signature-pad">
      <p className="signature-pad__hint" id="signature-pad-hint">
        {t('components.signature.hint')}
      </p>
      <canvas
        ref={canvas}
        className="signature-pad__canvas"
        style={{ height }}
        role="img"
        aria-label={t('components.signature.area')}
        aria-describedby="signature-pad-hint"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
      />
      <div className="signature-pad__actions">
        <Button onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button onClick={prepare} disabled={busy || !hasInk}>
          {t('components.clear')}
        </Button>
        <Button color="primary" onClick={confirm} disabled={!hasInk} loading={busy}>
          {t('common.confirm')}
        </Button>
      </div>
    </div>
  );
}
