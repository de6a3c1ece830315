import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ADMIN_ROLE, type RoleDto, type RoleHolderDto } from '@onehall/contracts';
import { adminApi, describeError } from '../api/admin-api.ts';
import { LoadFailure } from '../components/load-failure.tsx';
import { useAdminLoad } from '../hooks/use-admin-load.ts';
import { useAccessErrorHandler } from '../layout/access.ts';
import { useMe } from '../session/session-store.ts';
import { CreateRoleModal, GrantRoleModal } from './role-modals.tsx';

/** A role's holders, each with 取消 (never on one's own 系统管理员: the server refuses it too). */
function HolderTable({ role, onRevoke }: { role: RoleDto; onRevoke: (holder: RoleHolderDto) => Promise<void> }) {
  const me = useMe();
  const columns: TableColumnsType<RoleHolderDto> = [
    { title: '姓名', dataIndex: 'name', width: 160 },
    { title: '学号/工号', dataIndex: 'accountNo', width: 160, render: (accountNo: string | null) => accountNo ?? '—' },
    { title: '范围', key: 'scope', render: (_: unknown, holder) => holder.departmentName ?? '全校' },
    {
      title: '操作',
      key: 'action',
      width: 100,
      render: (_: unknown, holder) => {
        const isOwnAdmin = role.code === ADMIN_ROLE && holder.personId === me?.personId;
        const button = (
          <Button type="link" danger style={{ padding: 0 }} disabled={isOwnAdmin} aria-label={`取消 ${holder.name} 的${role.name}`}>
            取消
          </Button>
        );
        if (isOwnAdmin) return <Tooltip title="不能取消您自己的系统管理员角色">{button}</Tooltip>;
        return (
          <Popconfirm title={`取消 ${holder.name} 的“${role.name}”角色？`} okText="取消角色" cancelText="不取消" onConfirm={() => onRevoke(holder)}>
            {button}
          </Popconfirm>
        );
      },
    },
  ];
  return (
    <Table<RoleHolderDto>
      size="small"
      rowKey={(holder) => `${holder.personId}:${holder.departmentCode ?? ''}`}
      columns={columns}
      dataSource={role.holders}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无人员" /> }}
    />
  );
}

/**
 * 角色: every role with who holds it — 系统管理员 opens this console; the
 * school's own roles are what approval steps "by role" ask. 新建角色 adds
 * one; 授予 gives it to a person by 学号/工号, for the whole school or one
 * department; 取消 takes it away. Each change is audited and takes effect
 * at once (the holder's sessions are read again).
 */
export default function RolesPage() {
  const handleAccessError = useAccessErrorHandler();
  const { message } = App.useApp();
  const { data: roles, setData: setRoles, failure, loading, load } = useAdminLoad(adminApi.listRoles);
  const [granting, setGranting] = useState<RoleDto | null>(null);
  const [isCreating, setCreating] = useState(false);
  const [actionFailure, setActionFailure] = useState<string | null>(null);

  async function revoke(role: RoleDto, holder: RoleHolderDto) {
    setActionFailure(null);
    try {
      setRoles(await adminApi.revokeRole(role.code, { personId: holder.personId, departmentCode: holder.departmentCode }));
      void message.success(`已取消 ${holder.name} 的${role.name}`);
    } catch (error) {
      if (!handleAccessError(error)) setActionFailure(describeError(error));
    }
  }

  return (
    <>
      <div className="admin-toolbar">
        <Typography.Title level={2} className="admin-page-title">
          角色
        </Typography.Title>
        <Space wrap>
          <Button onClick={() => void load()} loading={loading && roles !== null}>
            刷新
          </Button>
          <Button type="primary" onClick={() => setCreating(true)}>
            新建角色
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">系统管理员可以登录管理控制台；其他角色供审批流程中“按角色审批”的环节使用，可以授予全校，也可以只授予某个部门。</Typography.Paragraph>
      {actionFailure && <Alert type="error" showIcon closable={{ onClose: () => setActionFailure(null) }} title={actionFailure} style={{ marginBottom: 16 }} />}
      {failure ? (
        <LoadFailure message={failure} onRetry={() => void load()} />
      ) : (
        <Flex vertical gap={16}>
          {loading && !roles && <Card loading />}
          {roles?.items.map((role) => (
            <section key={role.code} aria-label={role.name}>
              <Card
                size="small"
                title={
                  <Space>
                    {role.name}
                    <Typography.Text type="secondary">{role.code}</Typography.Text>
                    {role.builtIn && <Tag color="blue">内置</Tag>}
                  </Space>
                }
                extra={<Button onClick={() => setGranting(role)}>授予</Button>}
              >
                <HolderTable role={role} onRevoke={(holder) => revoke(role, holder)} />
              </Card>
            </section>
          ))}
        </Flex>
      )}
      <GrantRoleModal role={granting} onClose={() => setGranting(null)} onGranted={setRoles} />
      <CreateRoleModal open={isCreating} onClose={() => setCreating(false)} onCreated={setRoles} />
    </>
  );
}
