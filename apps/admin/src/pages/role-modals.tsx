import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { ADMIN_ROLE, createRoleBody, grantRoleBody, type RoleDto, type RoleListDto } from '@onehall/contracts';
import { adminApi, ApiError, describeError } from '../api/admin-api.ts';
import { useAccessErrorHandler } from '../layout/access.ts';

/** Field errors the server names by code, put on their field; anything else is the dialog's own failure. */
const fieldOfCode: Record<string, string> = {
  ACCOUNT_NOT_FOUND: 'accountNo',
  ACCOUNT_DISABLED: 'accountNo',
  DEPARTMENT_NOT_FOUND: 'departmentCode',
  ROLE_EXISTS: 'code',
};

/**
 * A dialog's form being sent: `submit` answers the new list, or null after
 * putting the refusal on its field, on the dialog (`failure`) or to the layout.
 */
function useFormDialog<V>(form: ReturnType<typeof Form.useForm<V>>[0]) {
  const handleAccessError = useAccessErrorHandler();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(send: () => Promise<RoleListDto>): Promise<RoleListDto | null> {
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

/** The dialog around a role form: its OK sends the form; closed, the form starts empty again. */
function FormDialog<V>(props: { title: string; open: boolean; okText: string; form: ReturnType<typeof Form.useForm<V>>[0]; dialog: ReturnType<typeof useFormDialog<V>>; onClose: () => void; children: ReactNode }) {
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

interface GrantValues {
  accountNo: string;
  departmentCode?: string;
}

/** 授予: a role to the person with a 学号/工号, for the whole school or one department (never one for 系统管理员). */
export function GrantRoleModal({ role, onClose, onGranted }: { role: RoleDto | null; onClose: () => void; onGranted: (list: RoleListDto) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const dialog = useFormDialog(form);
  // Kept while the dialog closes, so its title does not change under the closing motion.
  const [shown, setShown] = useState<RoleDto | null>(role);
  const [departments, setDepartments] = useState<{ value: string; label: string }[] | null>(null);
  const isSchoolWide = shown?.code === ADMIN_ROLE;

  useEffect(() => {
    if (role) setShown(role);
  }, [role]);
  useEffect(() => {
    if (!role || role.code === ADMIN_ROLE || departments) return;
    adminApi.getOrganization().then(
      (organization) => setDepartments(organization.departments.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))),
      () => setDepartments([]), // the field still takes none: 全校
    );
  }, [role, departments]);

  async function grant(values: GrantValues) {
    if (!shown) return;
    const body = grantRoleBody.parse({ accountNo: values.accountNo, ...(values.departmentCode ? { departmentCode: values.departmentCode } : {}) });
    const list = await dialog.submit(() => adminApi.grantRole(shown.code, body));
    if (!list) return;
    onGranted(list);
    void message.success(`已授予${shown.name}`);
    onClose();
  }

  return (
    <FormDialog title={shown ? `授予“${shown.name}”` : '授予'} open={role !== null} okText="授予" form={form} dialog={dialog} onClose={onClose}>
      <Form<GrantValues> form={form} layout="vertical" onFinish={(values) => void grant(values)} preserve={false}>
        <Form.Item name="accountNo" label="学号/工号" rules={[{ required: true, whitespace: true, message: '请填写学号/工号' }]}>
          <Input autoComplete="off" placeholder="须已导入的人员" />
        </Form.Item>
        {isSchoolWide ? (
          <Typography.Paragraph type="secondary">系统管理员面向全校，可以登录管理控制台。</Typography.Paragraph>
        ) : (
          <Form.Item name="departmentCode" label="范围" extra="不选为全校；选择部门时，只在该部门内担任（如某学院的辅导员）">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="全校" loading={departments === null} options={departments ?? []} />
          </Form.Item>
        )}
      </Form>
    </FormDialog>
  );
}

interface CreateValues {
  code: string;
  name: string;
}

/** 新建角色: a code (what process definitions name) and a name. */
export function CreateRoleModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (list: RoleListDto) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const dialog = useFormDialog(form);

  async function create(values: CreateValues) {
    const body = createRoleBody.parse(values);
    const list = await dialog.submit(() => adminApi.createRole(body));
    if (!list) return;
    onCreated(list);
    void message.success(`已新建角色“${body.name}”`);
    onClose();
  }

  const ruleOf = (schema: { safeParse: (value: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }) => ({
    validator: async (_: unknown, value: string | undefined) => {
      if (!value?.trim()) return; // said by the required rule
      const checked = schema.safeParse(value);
      if (!checked.success) throw new Error(checked.error?.issues[0]?.message);
    },
  });

  return (
    <FormDialog title="新建角色" open={open} okText="新建" form={form} dialog={dialog} onClose={onClose}>
      <Form<CreateValues> form={form} layout="vertical" onFinish={(values) => void create(values)} preserve={false}>
        <Form.Item name="code" label="角色编码" extra="审批流程按此编码找角色，如 it_staff；建好后不能修改" rules={[{ required: true, whitespace: true, message: '请填写角色编码' }, ruleOf(createRoleBody.shape.code)]}>
          <Input autoComplete="off" placeholder="it_staff" />
        </Form.Item>
        <Form.Item name="name" label="角色名称" rules={[{ required: true, whitespace: true, message: '请填写角色名称' }, ruleOf(createRoleBody.shape.name)]}>
          <Input autoComplete="off" placeholder="信息中心技术人员" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
