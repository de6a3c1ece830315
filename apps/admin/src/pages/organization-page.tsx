import { useMemo, useState } from 'react';
import { Button, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { OrganizationDepartmentDto, OrganizationImportKind } from '@onehall/contracts';
import { adminApi } from '../api/admin-api.ts';
import { CsvImportModal } from '../components/csv-import-modal.tsx';
import { LoadFailure } from '../components/load-failure.tsx';
import { useAdminLoad } from '../hooks/use-admin-load.ts';
import { organizationImports } from '../lib/organization-import.ts';
import { OrganizationEditModal, type OrganizationEditTarget } from './organization-edit-modal.tsx';

/** A row of the tree: a department (with its sub-departments, then its classes) or a class. */
interface OrganizationRow {
  key: string;
  kind: 'department' | 'class';
  code: string;
  name: string;
  /** The department's head, or the class's counsellor. */
  person: { name: string; accountNo: string | null } | null;
  phone: string | null;
  grade: string | null;
  people: number;
  /** The department the row is, or the class is in. */
  departmentCode: string;
  children?: OrganizationRow[];
}

/** The tree of the departments (given parents first), each department's classes after its sub-departments. */
function treeOf(departments: OrganizationDepartmentDto[]): OrganizationRow[] {
  const rowOf = new Map<string, OrganizationRow>();
  const roots: OrganizationRow[] = [];
  for (const department of departments) {
    const row: OrganizationRow = { key: `d:${department.code}`, kind: 'department', code: department.code, name: department.name, person: department.head, phone: department.phone, grade: null, people: department.people, departmentCode: department.code };
    rowOf.set(department.code, row);
    const parent = department.parentCode ? rowOf.get(department.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  for (const department of departments) {
    if (department.classes.length === 0) continue;
    const row = rowOf.get(department.code)!;
    const classes = department.classes.map((c): OrganizationRow => ({ key: `c:${c.code}`, kind: 'class', code: c.code, name: c.name, person: c.counsellor, phone: null, grade: c.grade, people: c.people, departmentCode: department.code }));
    row.children = [...(row.children ?? []), ...classes];
  }
  return roots;
}

const orDash = (text: string | null) => text ?? '—';

const columnsOf = (edit: (row: OrganizationRow) => void): TableColumnsType<OrganizationRow> => [
  {
    title: '名称',
    dataIndex: 'name',
    render: (name: string, row) => (
      <Space size={6}>
        {name}
        {row.kind === 'class' && <Tag>班级</Tag>}
      </Space>
    ),
  },
  { title: '编码', dataIndex: 'code', width: 150 },
  {
    title: '负责人 / 辅导员',
    dataIndex: 'person',
    width: 200,
    render: (person: OrganizationRow['person']) => (person ? `${person.name}${person.accountNo ? `（${person.accountNo}）` : ''}` : '—'),
  },
  { title: '联系电话', dataIndex: 'phone', width: 150, render: orDash },
  { title: '年级', dataIndex: 'grade', width: 90, render: orDash },
  { title: '人数', dataIndex: 'people', width: 80, align: 'right' },
  {
    title: '操作',
    key: 'edit',
    width: 80,
    render: (_: unknown, row) => (
      <Button type="link" style={{ padding: 0 }} aria-label={`编辑 ${row.name}`} onClick={() => edit(row)}>
        编辑
      </Button>
    ),
  },
];

/**
 * 组织机构: the departments as a tree, each with its classes, head or
 * counsellor and head count. 导入部门 and 导入班级 build it from CSV files
 * (an installation without the demo data starts with none); people are then
 * imported into it on 人员. 编辑 changes one department or class.
 */
export default function OrganizationPage() {
  const { data: organization, setData: setOrganization, failure, loading, load } = useAdminLoad(adminApi.getOrganization);
  const [editing, setEditing] = useState<OrganizationEditTarget | null>(null);
  const [importing, setImporting] = useState<OrganizationImportKind | null>(null);
  // The dialog keeps its kind while it closes, so its title does not change under the closing motion.
  const [shownKind, setShownKind] = useState<OrganizationImportKind>('departments');

  const tree = useMemo(() => (organization ? treeOf(organization.departments) : []), [organization]);
  const columns = useMemo(
    () =>
      columnsOf((row) => {
        const department = organization?.departments.find((d) => d.code === row.departmentCode);
        if (department) setEditing(row.kind === 'class' ? { kind: 'class', classCode: row.code, department } : { kind: 'department', department });
      }),
    [organization],
  );
  const openImport = (kind: OrganizationImportKind) => {
    setShownKind(kind);
    setImporting(kind);
  };
  const departmentCount = organization?.departments.length ?? 0;
  const classCount = organization?.departments.reduce((sum, d) => sum + d.classes.length, 0) ?? 0;

  return (
    <>
      <div className="admin-toolbar">
        <Typography.Title level={2} className="admin-page-title">
          组织机构
        </Typography.Title>
        <Space wrap>
          <Button onClick={() => void load()} loading={loading && organization !== null}>
            刷新
          </Button>
          <Button type="primary" onClick={() => openImport('departments')}>
            导入部门
          </Button>
          <Button onClick={() => openImport('classes')}>导入班级</Button>
        </Space>
      </div>
      {failure ? (
        <LoadFailure message={failure} onRetry={() => void load()} />
      ) : (
        <>
          {organization && departmentCount > 0 && (
            <Typography.Paragraph type="secondary">
              共 {departmentCount} 个部门、{classCount} 个班级
            </Typography.Paragraph>
          )}
          <Table<OrganizationRow>
            // A new tree (after an import) opens at its top level again.
            key={organization ? tree.map((row) => row.key).join() : 'loading'}
            rowKey="key"
            columns={columns}
            dataSource={tree}
            loading={loading}
            pagination={false}
            scroll={{ x: 900 }}
            expandable={{ defaultExpandedRowKeys: tree.map((row) => row.key) }}
            locale={{ emptyText: loading ? <div className="admin-table-placeholder" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无部门：请先导入部门，再导入班级和人员" /> }}
          />
        </>
      )}
      <OrganizationEditModal target={editing} organization={organization} onClose={() => setEditing(null)} onSaved={setOrganization} />
      <CsvImportModal kind={organizationImports[shownKind]} open={importing !== null} onClose={() => setImporting(null)} onImported={() => void load()} />
    </>
  );
}
