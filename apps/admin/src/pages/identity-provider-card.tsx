import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Switch, Tag, Typography, type FormRule } from 'antd';
import type { IdentityProviderDto, IdentityProviderListDto, UpdateIdentityProviderBody } from '@onehall/contracts';
import { ApiError, adminApi, describeError } from '../api/admin-api.ts';
import { useAccessErrorHandler } from '../layout/access.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { bodyOf, checkBody, checkDisplayName, checkSetting, formValuesOf, placeServerErrors, type FieldError, type ProviderFormValues, type ProviderSpec, type SettingField } from './identity-provider-fields.ts';

interface ProviderCardProps {
  spec: ProviderSpec;
  /** The provider as the server has it; undefined when it was never saved (CAS at first). */
  provider: IdentityProviderDto | undefined;
  /** The server's list after a save; the page shows it (and this card starts again from the saved values). */
  onSaved: (list: IdentityProviderListDto) => void;
}

/** A rule for antd's Form running one of the contracts' checks, so a mistake shows as it is made. */
function ruleOf<T>(check: (value: T) => string | null): FormRule {
  return {
    validator: (_: unknown, value: T) => {
      const problem = check(value);
      return problem === null ? Promise.resolve() : Promise.reject(new Error(problem));
    },
  };
}

/** The input of a setting. Form.Item hands its child `id`, `value` and `onChange`; they are passed on. */
function SettingInput({ field, ...control }: { field: SettingField } & Record<string, unknown>) {
  if (field.kind === 'number') return <InputNumber {...control} precision={0} step={500} placeholder={field.placeholder} style={{ width: '100%' }} />;
  return <Input {...control} placeholder={field.placeholder} autoComplete="off" spellCheck={false} />;
}

/**
 * One identity provider: 启用, 显示名称 and its settings, checked in the
 * browser with the contracts' schemas and again by the server, whose field
 * errors land next to the fields. Saved on its own 保存.
 */
export function ProviderCard({ spec, provider, onSaved }: ProviderCardProps) {
  const { message, modal } = App.useApp();
  const handleAccessError = useAccessErrorHandler();
  const [form] = Form.useForm<ProviderFormValues>();
  const displayName = Form.useWatch('displayName', form) ?? provider?.displayName ?? spec.defaultDisplayName;
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const isLocal = spec.id === 'local';

  function showErrors(errors: FieldError[]) {
    form.setFields(errors.map((error) => ({ name: error.name, errors: [error.message] })));
  }

  async function send(body: UpdateIdentityProviderBody) {
    setSaving(true);
    try {
      const list = await adminApi.saveIdentityProvider(spec.id, body);
      void message.success(`已保存“${spec.title}”的设置`);
      onSaved(list);
    } catch (error) {
      if (handleAccessError(error)) return;
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        const { placed, unplaced } = placeServerErrors(spec, error.detail?.fields ?? []);
        showErrors(placed);
        // Without field errors the server says what is wrong in its own words (CAS without PUBLIC_URL, for one).
        setFailure(placed.length + unplaced.length > 0 ? ['设置有误，请检查标红的项目', ...unplaced].join('；') : error.detail?.message || error.message);
      } else {
        setFailure(describeError(error));
      }
    } finally {
      setSaving(false);
    }
  }

  async function save() {
    setFailure(null);
    let values: ProviderFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show what is wrong
    }
    const body = bodyOf(spec, values);
    const errors = checkBody(spec, body);
    if (errors.length > 0) return showErrors(errors);
    // Turning LDAP on changes every login, administrators' included: say so before it happens.
    if (spec.id === 'ldap' && body.enabled && !provider?.enabled) {
      const confirmed = await modal.confirm({
        title: '启用 LDAP？',
        content: '启用后，所有人（包括管理员）登录时输入的密码都由学校目录核对。请先确认您的学号/工号能在目录中登录，否则将无法再进入本控制台。',
        okText: '启用并保存',
        cancelText: '取消',
      });
      if (!confirmed) return;
    }
    await send(body);
  }

  const title = (
    <span className="identity-card__title">
      {spec.title}
      {isLocal || provider?.enabled ? <Tag color="success">已启用</Tag> : <Tag>未启用</Tag>}
    </span>
  );
  const updated = provider ? `最近修改 ${formatDateTime(provider.updatedAt)}` : '尚未设置';

  return (
    <section aria-label={spec.title}>
      <Card title={title} extra={<Typography.Text type="secondary">{updated}</Typography.Text>}>
        <Typography.Paragraph type="secondary">{spec.effect(displayName)}</Typography.Paragraph>
        <Form<ProviderFormValues> form={form} name={`identity-${spec.id}`} layout="vertical" initialValues={formValuesOf(spec, provider)} disabled={saving} onFinish={() => void save()}>
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item label="启用" name="enabled" valuePropName="checked" extra={isLocal ? '始终启用' : undefined}>
                <Switch disabled={isLocal} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="显示名称" name="displayName" extra={spec.displayNameHelp} rules={[ruleOf((value: string | undefined) => checkDisplayName(spec, value))]}>
                <Input maxLength={40} showCount autoComplete="off" />
              </Form.Item>
            </Col>
            {spec.fields.map((field) => (
              <Col key={field.key} xs={24} md={12}>
                <Form.Item label={field.label} name={['settings', field.key]} extra={field.help} rules={[ruleOf((value: string | number | null | undefined) => checkSetting(spec, field, value))]}>
                  <SettingInput field={field} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          {failure && <Alert type="error" showIcon title={failure} role="alert" className="identity-card__failure" />}
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form>
      </Card>
    </section>
  );
}
