import { useCallback, useEffect, useState } from 'react';
import { Button, Empty, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { personKindText, type PersonAccountsDto, type PersonAdminDto, type PersonKind } from '@onehall/contracts';
import { adminApi } from '../api/admin-api.ts';
import { useCursorListing } from '../hooks/use-cursor-listing.ts';
import { ListFooter } from '../components/list-footer.tsx';
import { LoadFailure } from '../components/load-failure.tsx';
import { PeopleAccountsDrawer } from './people-accounts-drawer.tsx';
import { PeopleImportModal } from './people-import-modal.tsx';
import { describeIdNumber } from '../lib/people-import.ts';

/** A person's accounts, each with 停用 when it is disabled. */
function AccountList({ accounts }: { accounts: PersonAdminDto['accounts'] }) {
  if (accounts.length === 0) return <>—</>;
  return (
    <Space orientation="vertical" size={2}>
      {accounts.map((account) => (
        <span key={account.accountNo}>
          {account.accountNo}
          {account.status === 'disabled' && (
            <Tag color="error" style={{ marginInlineStart: 6 }}>
              停用
            </Tag>
          )}
        </span>
      ))}
    </Space>
  );
}

const orDash = (text: string | null) => text ?? '—';

function columnsOf(openPerson: (person: PersonAdminDto) => void): TableColumnsType<PersonAdminDto> {
  return [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 120,
      // A button as well as the row's click, so the drawer opens from the keyboard too.
      render: (name: string, person) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => openPerson(person)}>
          {name}
        </Button>
      ),
    },
    { title: '类别', dataIndex: 'kind', width: 80, render: (kind: PersonKind) => personKindText[kind].zh },
    { title: '部门', dataIndex: 'departmentName', width: 200, render: orDash },
    { title: '班级', dataIndex: 'className', width: 200, render: orDash },
    // Masked by the server (138****5678, 610***********1234); shown as given.
    { title: '手机号', dataIndex: 'phone', width: 130, render: orDash },
    { title: '证件号码', key: 'idNumber', width: 210, render: (_: unknown, person) => describeIdNumber(person) },
    { title: '账号', dataIndex: 'accounts', render: (accounts: PersonAdminDto['accounts']) => <AccountList accounts={accounts} /> },
  ];
}

/**
 * 人员: the hall's people with their accounts, newest first, searched by part
 * of a name or the start of a 学号/工号 (kept in ?q= so the view can be linked
 * and reloaded). A row opens the person's accounts (关联新账号, 停用/启用);
 * 导入人员 checks and imports a CSV. 加载更多 follows the server's keyset
 * cursor, as on 审计日志.
 */
export default function PeoplePage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q')?.trim() ?? '';
  const [typed, setTyped] = useState(q);
  const fetchPage = useCallback((cursor?: string) => adminApi.listPeople({ q: q || undefined, cursor }), [q]);
  const { listing, setListing, loading, failure, loadingMore, moreFailure, load, loadMore } = useCursorListing<PersonAdminDto>(fetchPage);
  const [selected, setSelected] = useState<PersonAdminDto | null>(null);
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const [isImportOpen, setImportOpen] = useState(false);

  useEffect(() => setTyped(q), [q]); // back and forward change ?q= too

  function search(value: string) {
    const next = value.trim();
    if (next === q) void load(); // the same words again: look again
    else setSearchParams(next ? { q: next } : {}, { replace: true });
  }

  const openPerson = useCallback((person: PersonAdminDto) => {
    setSelected(person);
    setDrawerOpen(true);
  }, []);

  /** The drawer changed the person's accounts: the row shows them too, without reloading the list. */
  const showAccounts = useCallback((changed: PersonAccountsDto) => {
    const accounts = changed.accounts.map(({ accountNo, status }) => ({ accountNo, status }));
    setListing((current) => current && { ...current, items: current.items.map((person) => (person.personId === changed.personId ? { ...person, accounts } : person)) });
  }, []);

  const emptyText = q ? `没有找到“${q}”` : '暂无人员';
  const count = listing?.items.length ?? 0;

  const footer = (
    <ListFooter
      failure={moreFailure}
      hasMore={Boolean(listing?.nextCursor)}
      loadingMore={loadingMore}
      onLoadMore={() => void loadMore()}
      allShown={listing && count > 0 && !loading ? `已显示全部 ${count} 人` : null}
    />
  );

  return (
    <>
      <div className="admin-toolbar">
        <Typography.Title level={2} className="admin-page-title">
          人员
        </Typography.Title>
        <Space wrap>
          <Input.Search
            aria-label="搜索人员"
            placeholder="姓名，或学号/工号的开头"
            allowClear
            enterButton="搜索"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onSearch={search}
            style={{ width: 320 }}
          />
          <Button onClick={() => void load()} loading={loading && listing !== null}>
            刷新
          </Button>
          <Button type="primary" onClick={() => setImportOpen(true)}>
            导入人员
          </Button>
        </Space>
      </div>
      {failure ? (
        <LoadFailure message={failure} onRetry={() => void load()} />
      ) : (
        <>
          <Table<PersonAdminDto>
            rowKey="personId"
            columns={columnsOf(openPerson)}
            dataSource={listing?.items ?? []}
            loading={loading}
            pagination={false}
            scroll={{ x: 1100 }}
            onRow={(person) => ({ onClick: () => openPerson(person), style: { cursor: 'pointer' } })}
            // While the first page loads, an empty box under the spinner rather than "暂无…".
            locale={{ emptyText: loading ? <div className="admin-table-placeholder" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
          />
          {footer && <div className="admin-list-footer">{footer}</div>}
        </>
      )}
      <PeopleAccountsDrawer
        person={selected}
        open={isDrawerOpen}
        onClose={() => setDrawerOpen(false)}
        afterClose={() => setSelected(null)}
        onAccountsChanged={showAccounts}
      />
      <PeopleImportModal open={isImportOpen} onClose={() => setImportOpen(false)} onImported={() => void load()} />
    </>
  );
}
