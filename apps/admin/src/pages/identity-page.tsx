import { useCallback, useEffect, useState } from 'react';
import { Alert, Flex, Spin, Typography } from 'antd';
import type { IdentityProviderListDto } from '@onehall/contracts';
import { adminApi, describeError } from '../api/admin-api.ts';
import { useAccessErrorHandler } from '../layout/access.ts';
import { ProviderCard } from './identity-provider-card.tsx';
import { providerSpecs } from './identity-provider-fields.ts';
import { LoadFailure } from '../components/load-failure.tsx';

/**
 * 身份认证: how people prove who they are. One card per provider an
 * administrator can configure (账号密码, LDAP, CAS), each saved on its own;
 * every save is written to the audit log by the server.
 */
export default function IdentityPage() {
  const handleAccessError = useAccessErrorHandler();
  const [listing, setListing] = useState<IdentityProviderListDto | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(async () => {
    setFailure(null);
    try {
      setListing(await adminApi.listIdentityProviders());
    } catch (error) {
      if (!handleAccessError(error)) setFailure(describeError(error));
    }
  }, [handleAccessError]);

  useEffect(() => {
    void load();
  }, [load]);

  if (failure) {
    return (
      <LoadFailure message={failure} onRetry={() => void load()} />
    );
  }
  if (!listing) return <Spin description="加载中" className="admin-content__spin" />;

  return (
    <>
      <div className="admin-toolbar">
        <Typography.Title level={2} className="admin-page-title">
          身份认证
        </Typography.Title>
      </div>
      <Alert type="info" showIcon title="密码等密钥不在这里填写，而在服务器配置中设置（如 LDAP 服务账号的密码 LDAP_BIND_PASSWORD）。" className="identity-secrets-note" />
      <Flex vertical gap={16}>
        {providerSpecs.map((spec) => {
          const provider = listing.items.find((item) => item.id === spec.id);
          // Keyed by the saved time: after a save the card starts again from what the server kept.
          return <ProviderCard key={`${spec.id}:${provider?.updatedAt ?? ''}`} spec={spec} provider={provider} onSaved={setListing} />;
        })}
      </Flex>
    </>
  );
}
