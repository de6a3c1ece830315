import { useEffect, useState, type ComponentType } from 'react';
import type { ActionSheetProps, ActionSheetShowHandler } from 'antd-mobile/es/components/action-sheet';
import type { DatePickerProps } from 'antd-mobile/es/components/date-picker';
import type { DialogAlertProps, DialogConfirmProps } from 'antd-mobile/es/components/dialog';
import type { ImageViewerProps, MultiImageViewerProps } from 'antd-mobile/es/components/image-viewer';
import type { PickerProps } from 'antd-mobile/es/components/picker';
import type { PopupProps } from 'antd-mobile/es/components/popup';
import type { ToastShowProps } from 'antd-mobile/es/components/toast';
import { LazyModule, useLazyModule } from '../hooks/use-lazy-module.ts';

/*
 * antd-mobile's overlays — Popup, ActionSheet, Toast, Dialog, ImageViewer,
 * DatePicker and Picker — with their own props and methods, fetched the
 * first time one is opened. Every one of them animates with @react-spring
 * (the sheets drag with @use-gesture, the pickers bring dayjs): about 35 kB
 * gzipped that no page needs to draw itself, and that a page importing them
 * from 'antd-mobile' would load before it shows anything. Import them from
 * here instead.
 *
 * Each kind is fetched on its own (a toast does not bring the date wheels),
 * and once the browser is idle after a page that uses it has shown, so that
 * a toast after the connection dropped, or a sheet opened in a lift, still
 * appears. A fetch that fails is tried again at the next opening.
 */

const popup = new LazyModule(() => import('antd-mobile/es/components/popup').then((m) => m.default));
const actionSheet = new LazyModule(() => import('antd-mobile/es/components/action-sheet').then((m) => m.default));
const toast = new LazyModule(() => import('antd-mobile/es/components/toast').then((m) => m.default));
const dialog = new LazyModule(() => import('antd-mobile/es/components/dialog').then((m) => m.default));
const imageViewer = new LazyModule(() => import('antd-mobile/es/components/image-viewer').then((m) => m.default));
const datePicker = new LazyModule(() => import('antd-mobile/es/components/date-picker').then((m) => m.default));
const picker = new LazyModule(() => import('antd-mobile/es/components/picker').then((m) => m.default));

// A toast or a dialog answers what a person just did, often a failure: have them at hand before it happens.
toast.prefetch();
dialog.prefetch();

/**
 * Renders a sheet that was just fetched closed first and opens it at the
 * next render, so that the first opening slides in as every later one does
 * (mounted open, antd-mobile's sheets appear without moving).
 */
function SlideIn<P extends { visible?: boolean | undefined }>({ Component, props }: { Component: ComponentType<P>; props: P }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <Component {...props} visible={mounted && props.visible === true} />;
}

/** A sheet kind: nothing until it is first opened (or `forceRender`), then antd-mobile's own. */
function lazySheet<P extends { visible?: boolean | undefined; forceRender?: boolean | undefined }>(lazy: LazyModule<ComponentType<P>>) {
  return function LazySheet(props: P) {
    const Component = useLazyModule(lazy, props.visible === true || props.forceRender === true, { prefetch: true });
    const [opened, setOpened] = useState(false);
    if (!opened && (props.visible || props.forceRender)) setOpened(true);
    if (!Component || !opened) return null;
    return <SlideIn Component={Component} props={props} />;
  };
}

export const Popup = lazySheet<PopupProps>(popup);
export const DatePicker = lazySheet<DatePickerProps>(datePicker as LazyModule<ComponentType<DatePickerProps>>);
export const Picker = lazySheet<PickerProps>(picker as LazyModule<ComponentType<PickerProps>>);

const ActionSheetSheet = lazySheet<ActionSheetProps>(actionSheet);

/** antd-mobile's ActionSheet, as a component and with `ActionSheet.show`. */
export const ActionSheet = Object.assign(ActionSheetSheet, {
  show(props: Omit<ActionSheetProps, 'visible' | 'destroyOnClose' | 'forceRender'>): ActionSheetShowHandler {
    let closed = false;
    let handler: ActionSheetShowHandler | null = null;
    actionSheet.load().then(
      (sheet) => {
        if (!closed) handler = sheet.show(props);
      },
      () => props.onClose?.(),
    );
    return {
      close() {
        closed = true;
        handler?.close();
      },
    };
  },
});

/** antd-mobile's `Toast.show` and `Toast.clear`, in the order they were called. */
export const Toast = {
  show(props: ToastShowProps | string): void {
    if (toast.value) toast.value.show(props);
    else toast.load().then((t) => void t.show(props), () => undefined);
  },
  clear(): void {
    if (toast.value) toast.value.clear();
    else toast.load().then((t) => t.clear(), () => undefined);
  },
};

/**
 * antd-mobile's `Dialog.confirm`, `Dialog.alert` and `Dialog.clear`. A
 * dialog whose code cannot be fetched answers as if dismissed: nothing is
 * confirmed that was not asked.
 */
export const Dialog = {
  confirm: (props: DialogConfirmProps): Promise<boolean> => dialog.load().then((d) => d.confirm(props), () => false),
  alert: (props: DialogAlertProps): Promise<void> => dialog.load().then((d) => d.alert(props), () => undefined),
  clear(): void {
    dialog.value?.clear();
  },
};

/** An image viewer is mounted when opened: it is drawn as soon as its code is there. */
function lazyViewer<P>(pick: (viewer: NonNullable<typeof imageViewer.value>) => ComponentType<P>) {
  return function LazyViewer(props: P & { visible?: boolean | undefined }) {
    const viewer = useLazyModule(imageViewer, props.visible === true);
    if (!viewer) return null;
    const Component = pick(viewer);
    return <Component {...props} />;
  };
}

/** antd-mobile's ImageViewer and ImageViewer.Multi. */
export const ImageViewer = Object.assign(
  lazyViewer<ImageViewerProps>((viewer) => viewer),
  { Multi: lazyViewer<MultiImageViewerProps>((viewer) => viewer.Multi as ComponentType<MultiImageViewerProps>) },
);
