import { useEffect, useState } from 'react';
import { App, Form, Input, Select } from 'antd';
import { editClassBody, editDepartmentBody, type OrganizationDepartmentDto, type OrganizationDto } from '@onehall/contracts';
import { adminApi } from '../api/admin-api.ts';
import { FormDialog, ruleFromSchema, useFormDialog } from '../components/form-dialog.tsx';

/** What is edited: a department, or a class with the department it is in. */
export type OrganizationEditTarget = { kind: 'department'; department: OrganizationDepartmentDto } | { kind: 'class'; classCode: string; department: OrganizationDepartmentDto };

interface EditValues {
  name: string;
  parentCode?: string | undefined;
  phone?: string;
  headAccountNo?: string;
  grade?: string;
  departmentCode?: string;
  counsellorAccountNo?: string;
}

/** A form's text as the API takes it: trimmed, and null when empty (the field clears its value). */
const orNull = (text: string | undefined): string | null => (text?.trim() ? text.trim() : null);

/** The initial values of the form for what is edited, as the page shows it now. */
function valuesOf(target: OrganizationEditTarget): EditValues {
  const { department } = target;
  if (target.kind === 'department') return { name: department.name, parentCode: department.parentCode ?? undefined, phone: department.phone ?? '', headAccountNo: department.head?.accountNo ?? '' };
  const cls = department.classes.find((c) => c.code === target.classCode)!;
  return { name: cls.name, grade: cls.grade ?? '', departmentCode: department.code, counsellorAccountNo: cls.counsellor?.accountNo ?? '' };
}

/**
 * 编辑 a department (名称, 上级部门, 联系电话, 负责人工号) or a class (名称, 年级,
 * 所属部门, 辅导员工号): every field shown with its value, an emptied one
 * cleared. The server's refusals (a cycle, an unknown person, a class with
 * students moved) are put on their field.
 */
export function OrganizationEditModal({ target, organization, onClose, onSaved }: { target: OrganizationEditTarget | null; organization: OrganizationDto | null; onClose: () => void; onSaved: (view: OrganizationDto) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const dialog = useFormDialog(form, { DEPARTMENT_NOT_FOUND: 'departmentCode' });
  // Kept while the dialog closes, so its title and fields do not change under the closing motion.
  const [shown, setShown] = useState<OrganizationEditTarget | null>(target);
  useEffect(() => {
    if (target) setShown(target);
  }, [target]);
  const code = shown?.kind === 'class' ? shown.classCode : shown?.department.code;
  const departmentOptions = (organization?.departments ?? []).filter((d) => shown?.kind === 'class' || d.code !== code).map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }));

  async function save(values: EditValues) {
    if (!shown || !code) return;
    const send =
      shown.kind === 'department'
        ? () => adminApi.editDepartment(code, editDepartmentBody.parse({ name: values.name, parentCode: orNull(values.parentCode), phone: orNull(values.phone), headAccountNo: orNull(values.headAccountNo) }))
        : () => adminApi.editClass(code, editClassBody.parse({ name: values.name, grade: orNull(values.grade), departmentCode: values.departmentCode ?? '', counsellorAccountNo: orNull(values.counsellorAccountNo) }));
    const view = await dialog.submit(send);
    if (!view) return;
    onSaved(view);
    void message.success(`已保存${values.name}`);
    onClose();
  }

  return (
    <FormDialog title={shown ? `编辑${shown.kind === 'class' ? '班级' : '部门'}（${code}）` : '编辑'} open={target !== null} okText="保存" form={form} dialog={dialog} onClose={onClose}>
      {shown && (
        <Form<EditValues> key={`${shown.kind}:${code}`} form={form} layout="vertical" initialValues={valuesOf(shown)} onFinish={(values) => void save(values)} preserve={false}>
          <Form.Item name="name" label={shown.kind === 'class' ? '班级名称' : '部门名称'} rules={[{ required: true, whitespace: true, message: shown.kind === 'class' ? '请填写班级名称' : '请填写部门名称' }, ruleFromSchema(editDepartmentBody.shape.name)]}>
            <Input autoComplete="off" />
          </Form.Item>
          {shown.kind === 'department' ? (
            <>
              <Form.Item name="parentCode" label="上级部门" extra="不选为顶级部门">
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="顶级部门" options={departmentOptions} />
              </Form.Item>
              <Form.Item name="phone" label="联系电话" rules={[ruleFromSchema(editDepartmentBody.shape.phone, orNull)]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="headAccountNo" label="负责人工号" extra="“部门负责人审批”的环节交给此人；清空则没有负责人">
                <Input autoComplete="off" />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="grade" label="年级" rules={[ruleFromSchema(editClassBody.shape.grade, orNull)]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="departmentCode" label="所属部门" rules={[{ required: true, message: '请选择所属部门' }]} extra="已有学生的班级不能改到其他部门">
                <Select showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} />
              </Form.Item>
              <Form.Item name="counsellorAccountNo" label="辅导员工号" extra="“辅导员审批”的环节交给此人；清空则没有辅导员">
                <Input autoComplete="off" />
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </FormDialog>
  );
}
