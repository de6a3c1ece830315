import { useEffect, type RefObject } from 'react';
import type { InputRef, TextAreaRef } from 'antd-mobile';

/** ARIA attributes for an input; undefined removes one. */
export type InputAria = Readonly<Partial<Record<'aria-invalid' | 'aria-describedby' | 'aria-required', string | undefined>>>;

/**
 * antd-mobile's Input puts `aria-*` props on its wrapper div, where a screen
 * reader does not look (and axe calls some of them not allowed there); only
 * aria-label reaches the <input>. This sets the others on the <input> itself.
 */
export function useNativeInputAria(ref: RefObject<InputRef | TextAreaRef | null>, aria: InputAria): void {
  // After every render: the input may have just appeared (a form shown once its data came).
  useEffect(() => {
    const input = ref.current?.nativeElement;
    if (!input) return;
    for (const [name, value] of Object.entries(aria)) {
      if (value === undefined) input.removeAttribute(name);
      else input.setAttribute(name, value);
    }
  });
}
