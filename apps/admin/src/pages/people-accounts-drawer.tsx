import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Popconfirm, Select, Spin, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { linkAccountBody, personKinds, personKindText, type AccountAdminDto, type PersonAccountsDto, type PersonAdminDto, type PersonKind } from '@onehall/contracts';
import { adminApi, ApiError, describeError } from '../api/admin-api.ts';
import { useAccessErrorHandler } from '../layout/access.ts';
import { useMe } from '../session/session-store.ts';
import { formatDateTime } from '../lib/shanghai-time.ts';
import { describeIdNumber, documentName } from '../lib/people-import.ts';
import { LoadFailure } from '../components/load-failure.tsx';

const kindOptions = personKinds.map((kind) => ({ value: kind, label: personKindText[kind].zh }));

interface DrawerProps {
  /** The person whose accounts are shown; kept while the drawer closes. */
  person: PersonAdminDto | null;
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
  /** The person's accounts changed (linked, disabled, enabled). */
  onAccountsChanged: (accounts: PersonAccountsDto) => void;
}

/**
 * A person's accounts (学号/工号): 停用 ends the account's sessions at once
 * and stops its logins; 启用 lets it log in again; 关联新账号 gives the
 * person another number (预科→本科), so their applications and todos follow
 * them. Every change is audited by the server.
 */
export function PeopleAccountsDrawer({ person, open, onClose, afterClose, onAccountsChanged }: DrawerProps) {
  const handleAccessError = useAccessErrorHandler();
  const { message } = App.useApp();
  const me = useMe();
  const personId = person?.personId;
  const [accounts, setAccounts] = useState<PersonAccountsDto | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [actionFailure, setActionFailure] = useState<string | null>(null);
  // Answers about another person than the one now shown are not put on screen (the list still takes them).
  const shown = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    shown.current = personId;
  });

  const load = useCallback(async () => {
    if (!personId) return;
    setLoading(true);
    setFailure(null);
    try {
      const answer = await adminApi.getPersonAccounts(personId);
      if (shown.current === personId) setAccounts(answer);
    } catch (error) {
      if (shown.current === personId && !handleAccessError(error)) setFailure(describeError(error));
    } finally {
      if (shown.current === personId) setLoading(false);
    }
  }, [personId, handleAccessError]);

  useEffect(() => {
    setAccounts(null);
    setActionFailure(null);
    void load();
  }, [load]);

  const showChanged = useCallback(
    (changed: PersonAccountsDto) => {
      if (shown.current === changed.personId) setAccounts(changed);
      onAccountsChanged(changed);
    },
    [onAccountsChanged],
  );

  async function setStatus(account: AccountAdminDto, status: 'active' | 'disabled') {
    setActionFailure(null);
    try {
      showChanged(await adminApi.setAccountStatus(account.accountNo, status));
      void message.success(status === 'disabled' ? `已停用账号 ${account.accountNo}` : `已启用账号 ${account.accountNo}`);
    } catch (error) {
      if (!handleAccessError(error)) setActionFailure(describeError(error));
    }
  }

  const columns: TableColumnsType<AccountAdminDto> = [
    { title: '学号/工号', dataIndex: 'accountNo' },
    { title: '类别', dataIndex: 'kind', width: 70, render: (kind: PersonKind) => personKindText[kind].zh },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_: unknown, account) => (
        <>
          {account.status === 'active' ? <Tag color="success">正常</Tag> : <Tag color="error">停用</Tag>}
          {account.mustChangePassword && <Typography.Text type="secondary" style={{ fontSize: 12 }}>未改初始密码</Typography.Text>}
        </>
      ),
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
    { title: '操作', key: 'action', width: 70, render: (_: unknown, account) => <StatusAction account={account} isOwn={account.accountNo === me?.accountNo} onSet={setStatus} /> },
  ];

  return (
    <Drawer
      title={person ? `${person.name}的账号` : '账号'}
      size={680}
      open={open}
      onClose={onClose}
      afterOpenChange={(isOpen) => {
        if (!isOpen) afterClose();
      }}
    >
      {person && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="类别">{personKindText[person.kind].zh}</Descriptions.Item>
            <Descriptions.Item label="证件号码">{describeIdNumber(person)}</Descriptions.Item>
            <Descriptions.Item label="部门">{person.departmentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="班级">{person.className ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="同一人员的各个账号共用申请、草稿和待办。换号（如预科转本科）时，先关联新账号，再停用原账号。" />
          {failure ? (
            <LoadFailure message={failure} onRetry={() => void load()} />
          ) : (
            <Spin spinning={loading}>
              {actionFailure && <Alert type="error" showIcon closable={{ onClose: () => setActionFailure(null) }} title={actionFailure} style={{ marginBottom: 12 }} />}
              <Table<AccountAdminDto> rowKey="accountNo" size="small" columns={columns} dataSource={accounts?.accounts ?? []} pagination={false} />
              <LinkAccountForm key={person.personId} person={person} onLinked={showChanged} />
            </Spin>
          )}
        </>
      )}
    </Drawer>
  );
}

/** 停用 (asked first: it logs the account out everywhere) or 启用. */
function StatusAction({ account, isOwn, onSet }: { account: AccountAdminDto; isOwn: boolean; onSet: (account: AccountAdminDto, status: 'active' | 'disabled') => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  if (account.status === 'disabled') {
    return (
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        loading={busy}
        onClick={() => {
          setBusy(true);
          void onSet(account, 'active').finally(() => setBusy(false));
        }}
      >
        启用
      </Button>
    );
  }
  if (isOwn) {
    // Disabling it would end this very session and lock the administrator out of the console.
    return (
      <Tooltip title="这是您正在使用的账号，不能在这里停用">
        <Button type="link" size="small" style={{ padding: 0 }} disabled>
          停用
        </Button>
      </Tooltip>
    );
  }
  return (
    <Popconfirm
      title={`停用账号 ${account.accountNo}？`}
      description="停用后该账号立即退出所有设备，无法登录"
      okText="停用"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={() => onSet(account, 'disabled')}
    >
      <Button type="link" size="small" danger style={{ padding: 0 }}>
        停用
      </Button>
    </Popconfirm>
  );
}

interface LinkValues {
  accountNo: string;
  kind: PersonKind;
}

/** 关联新账号: a 学号/工号 and its 类别, checked by the contracts' own rule before it is sent. */
function LinkAccountForm({ person, onLinked }: { person: PersonAdminDto; onLinked: (accounts: PersonAccountsDto) => void }) {
  const handleAccessError = useAccessErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function link(values: LinkValues) {
    const body = linkAccountBody.parse(values); // trims, as the server would
    setBusy(true);
    setFailure(null);
    try {
      onLinked(await adminApi.linkAccount(person.personId, body));
      form.setFieldValue('accountNo', '');
      void message.success(`已关联新账号 ${body.accountNo}`);
    } catch (error) {
      if (handleAccessError(error)) return;
      const fields = error instanceof ApiError ? (error.detail?.fields ?? []) : [];
      if (error instanceof ApiError && error.code === 'ACCOUNT_NO_TAKEN') form.setFields([{ name: 'accountNo', errors: [error.message] }]);
      else if (fields.length > 0 && fields.every((field) => field.key === 'accountNo' || field.key === 'kind')) {
        form.setFields(fields.map((field) => ({ name: field.key as keyof LinkValues, errors: [field.message] })));
      } else setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-label="关联新账号" style={{ marginTop: 24 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>关联新账号</Typography.Title>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form<LinkValues> form={form} layout="inline" initialValues={{ accountNo: '', kind: person.kind }} onFinish={(values) => void link(values)}>
        <Form.Item
          name="accountNo"
          label="学号/工号"
          rules={[
            { required: true, whitespace: true, message: '请填写学号/工号' },
            {
              validator: async (_, value: string | undefined) => {
                if (!value?.trim()) return; // said by the rule above
                const checked = linkAccountBody.shape.accountNo.safeParse(value);
                if (!checked.success) throw new Error(checked.error.issues[0]?.message);
              },
            },
          ]}
        >
          <Input style={{ width: 180 }} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label="类别">
          <Select options={kindOptions} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            关联
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {person.idNumber ? `新账号的初始密码为${documentName(person.idType)}后 8 位，首次登录时须修改。` : '该人员未登记证件号码：新账号没有初始密码。'}
      </Typography.Paragraph>
    </section>
  );
}
