import { Fragment, type ReactNode } from 'react';
import { t, type MessageParams } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/zh.ts';

/**
 * A message with elements in it: each `{name}` found in `parts` becomes that
 * element (a link, mostly), so a sentence keeps its word order in both
 * languages ("请先{unbind}，再…" / "first {unbind}, then…"). Other
 * placeholders are filled from `params` as t() fills them.
 */
export function richText(key: MessageKey, parts: Readonly<Record<string, ReactNode>>, params?: MessageParams): ReactNode {
  // split() with a capturing group keeps the names at the odd indexes.
  const pieces = t(key, params).split(/\{(\w+)\}/);
  return pieces.map((piece, index) => {
    if (index % 2 === 0) return piece;
    return <Fragment key={index}>{piece in parts ? parts[piece] : `{${piece}}`}</Fragment>;
  });
}
