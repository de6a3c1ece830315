import { useEffect, useState } from 'react';
import { App, Form, Input, Select, Typography } from 'antd';
import { ADMIN_ROLE, createRoleBody, grantRoleBody, type RoleDto, type RoleListDto } from '@onehall/contracts';
import { adminApi } from '../api/admin-api.ts';
import { FormDialog, ruleFromSchema, useFormDialog } from '../components/form-dialog.tsx';

interface GrantValues {
  accountNo: string;
  departmentCode?: string;
}

/** 授予: a role to the person with a 学号/工号, for the whole school or one department (never one for 系统管理员). */
export function GrantRoleModal({ role, onClose, onGranted }: { role: RoleDto | null; onClose: () => void; onGranted: (list: RoleListDto) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const dialog = useFormDialog(form, { ACCOUNT_NOT_FOUND: 'accountNo', ACCOUNT_DISABLED: 'accountNo', DEPARTMENT_NOT_FOUND: 'departmentCode' });
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
  const dialog = useFormDialog(form, { ROLE_EXISTS: 'code' });

  async function create(values: CreateValues) {
    const body = createRoleBody.parse(values);
    const list = await dialog.submit(() => adminApi.createRole(body));
    if (!list) return;
    onCreated(list);
    void message.success(`已新建角色“${body.name}”`);
    onClose();
  }


  return (
    <FormDialog title="新建角色" open={open} okText="新建" form={form} dialog={dialog} onClose={onClose}>
      <Form<CreateValues> form={form} layout="vertical" onFinish={(values) => void create(values)} preserve={false}>
        <Form.Item name="code" label="角色编码" extra="审批流程按此编码找角色，如 it_staff；建好后不能修改" rules={[{ required: true, whitespace: true, message: '请填写角色编码' }, ruleFromSchema(createRoleBody.shape.code)]}>
          <Input autoComplete="off" placeholder="it_staff" />
        </Form.Item>
        <Form.Item name="name" label="角色名称" rules={[{ required: true, whitespace: true, message: '请填写角色名称' }, ruleFromSchema(createRoleBody.shape.name)]}>
          <Input autoComplete="off" placeholder="信息中心技术人员" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
