import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal } from 'antd';
import { ApiError, describeError } from '../api/admin-api.ts';
import { useAccessErrorHandler } from '../layout/access.ts';

type FormOf<V> = ReturnType<typeof Form.useForm<V>>[0];

/**
 * A dialog's form being sent: `submit` answers what the server answered, or
 * null after putting the refusal on its field (by the error's code in
 * `fieldOfCode`, or the fields a VALIDATION_FAILED names), on the dialog
 * (`failure`) or to the layout (log in again, not an administrator).
 */
export function useFormDialog<V>(form: FormOf<V>, fieldOfCode: Record<string, keyof V & string> = {}) {
  const handleAccessError = useAccessErrorHandler();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit<T>(send: () => Promise<T>): Promise<T | null> {
    setFailure(null);
    setBusy(true);
    try {
      return await send();
    } catch (error) {
      if (handleAccessError(error)) return null;
      const field = error instanceof ApiError ? fieldOfCode[error.code] : undefined;
      const fields = error instanceof ApiError ? (error.detail?.fields ?? []) : [];
      if (field) form.setFields([{ name: field as never, errors: [describeError(error)] }]);
      else if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.key as never, errors: [f.message] })));
      else setFailure(describeError(error));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { failure, busy, submit, reset: () => setFailure(null) };
}

/** The dialog around a form: its OK sends the form; closed, the form starts again from its initial values. */
export function FormDialog<V>(props: { title: string; open: boolean; okText: string; form: FormOf<V>; dialog: ReturnType<typeof useFormDialog<V>>; onClose: () => void; children: ReactNode }) {
  const { form, dialog } = props;
  return (
    <Modal
      title={props.title}
      open={props.open}
      okText={props.okText}
      cancelText="取消"
      confirmLoading={dialog.busy}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      afterClose={() => {
        form.resetFields();
        dialog.reset();
      }}
    >
      {dialog.failure && <Alert type="error" showIcon title={dialog.failure} style={{ marginBottom: 12 }} />}
      {props.children}
    </Modal>
  );
}

/** A schema from the contracts, as a form rule uses it (only its safeParse). */
interface FieldSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: { message: string }[] } };
}

/**
 * A form rule from a field's schema in the contracts, so the form says what
 * the server would; `toValue` turns the typed text into what is sent (an
 * empty field into null). An empty field is left to a `required` rule.
 */
export function ruleFromSchema(schema: FieldSchema, toValue: (text: string) => unknown = (text) => text) {
  return {
    validator: async (_: unknown, text: string | undefined) => {
      if (!text?.trim() && toValue('') === '') return; // said by the required rule
      const checked = schema.safeParse(toValue(text ?? ''));
      if (!checked.success) throw new Error(checked.error.issues[0]?.message);
    },
  };
}
