import { useState } from 'react';
import { ActionSheet, Button, Dialog, List, Popup } from 'antd-mobile';
import { UserCircleOutline } from 'antd-mobile-icons';
import { useNavigate } from 'react-router';
import { personKindText, type MeDto } from '@onehall/contracts';
import { logout } from '../session/session-store.ts';

type LogoutChoice = 'hall' | 'cas';

/**
 * Asks a person who came through CAS whether to end the CAS session too
 * (otherwise the next 统一身份认证 login, here or in another system, goes
 * through without a password). Null: 取消.
 */
function askLogoutChoice(): Promise<LogoutChoice | null> {
  return new Promise((resolve) => {
    ActionSheet.show({
      extra: '您是通过统一身份认证登录的',
      actions: [
        { key: 'hall', text: '退出登录' },
        { key: 'cas', text: '同时退出统一身份认证', description: '使用统一身份认证的其他系统也需重新登录' },
      ],
      cancelText: '取消',
      closeOnAction: true,
      // onAction comes before onClose: the first answer wins.
      onAction: (action) => resolve(action.key as LogoutChoice),
      onClose: () => resolve(null),
    });
  });
}

/** 我的: the person's name in the page corner; a tap shows the profile and 退出登录. */
export function MyCorner({ me }: { me: MeDto }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);

  async function onLogout(options: { everywhere?: boolean; cas?: boolean } = {}) {
    setLeaving(true);
    await logout(async () => {
      setOpen(false);
      await navigate('/login', { replace: true });
    }, options);
  }

  /** 退出登录: a session that came through CAS may end the CAS session too. */
  async function onLogoutTap() {
    if (me.provider !== 'cas') return onLogout();
    const choice = await askLogoutChoice();
    if (choice) await onLogout({ cas: choice === 'cas' });
  }

  async function onLogoutEverywhere() {
    const confirmed = await Dialog.confirm({
      title: '退出所有设备',
      content: '本人在所有手机和电脑上的登录都将结束，需要重新登录。',
      confirmText: '全部退出',
      cancelText: '取消',
    });
    if (confirmed) await onLogout({ everywhere: true });
  }

  return (
    <>
      <button type="button" className="my-corner" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <UserCircleOutline className="my-corner__icon" aria-hidden="true" />
        <span className="my-corner__name">{me.name}</span>
        <span className="visually-hidden">我的</span>
      </button>
      <Popup visible={open} onMaskClick={() => setOpen(false)} onClose={() => setOpen(false)} showCloseButton bodyClassName="my-popup">
        <div role="dialog" aria-label="我的">
          <h2 className="my-popup__title">我的</h2>
          <List>
            <List.Item extra={me.name}>姓名</List.Item>
            <List.Item extra={me.accountNo}>{me.kind === 'student' ? '学号' : '工号'}</List.Item>
            <List.Item extra={personKindText[me.kind].zh}>身份</List.Item>
            {me.departmentName && <List.Item extra={me.departmentName}>部门</List.Item>}
            {me.className && <List.Item extra={me.className}>班级</List.Item>}
            {me.phone && <List.Item extra={me.phone}>手机号</List.Item>}
            <List.Item onClick={() => void navigate('/password')}>修改密码</List.Item>
            <List.Item onClick={() => void navigate('/faq')}>常见问题</List.Item>
            {me.roles.includes('admin') && (
              <List.Item onClick={() => window.location.assign('/admin/')}>管理控制台</List.Item>
            )}
          </List>
          <div className="my-popup__actions">
            <Button block color="danger" fill="outline" loading={leaving} onClick={() => void onLogoutTap()}>
              退出登录
            </Button>
            <Button block fill="none" size="small" className="my-popup__everywhere" disabled={leaving} onClick={() => void onLogoutEverywhere()}>
              退出所有设备
            </Button>
          </div>
        </div>
      </Popup>
    </>
  );
}
