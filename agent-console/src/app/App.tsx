import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.js';
import { RequireRole } from '../features/auth/RequireRole.js';
import { BeneficiaryImportPage } from '../features/beneficiary-import/BeneficiaryImportPage.js';
import { CampaignDetailPage } from '../features/campaign-admin/CampaignDetailPage.js';
import { CampaignFormPage } from '../features/campaign-admin/CampaignFormPage.js';
import { CampaignListPage } from '../features/campaign-admin/CampaignListPage.js';
import { homePath } from '../features/auth/roles.js';
import { useSession } from '../features/auth/useSession.js';
import { useRealtimeLifecycle } from '../realtime/useRealtime.js';
import { Layout } from './Layout.js';
import { AdminPage } from './pages/AdminPage.js';
import { AgentPage } from './pages/AgentPage.js';
import { DepartmentPage } from './pages/DepartmentPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { SupervisorPage } from './pages/SupervisorPage.js';
import { createQueryClient } from './queryClient.js';
import { useSessionCheck } from './useSessionCheck.js';

function HomeRedirect() {
  const session = useSession();
  return <Navigate to={session ? homePath(session.user.role) : '/login'} replace />;
}

function Shell() {
  useRealtimeLifecycle();
  useSessionCheck();
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomeRedirect />} />
        <Route path="login" element={<LoginPage />} />
        <Route
          path="agent"
          element={
            <RequireRole page="agent">
              <AgentPage />
            </RequireRole>
          }
        />
        <Route
          path="supervisor"
          element={
            <RequireRole page="supervisor">
              <SupervisorPage />
            </RequireRole>
          }
        />
        <Route
          path="supervisor/beneficiary-import"
          element={
            <RequireRole page="supervisor">
              <BeneficiaryImportPage />
            </RequireRole>
          }
        />
        <Route
          path="supervisor/campaigns"
          element={
            <RequireRole page="supervisor">
              <CampaignListPage />
            </RequireRole>
          }
        />
        <Route
          path="supervisor/campaigns/new"
          element={
            <RequireRole page="supervisor">
              <CampaignFormPage />
            </RequireRole>
          }
        />
        <Route
          path="supervisor/campaigns/:id"
          element={
            <RequireRole page="supervisor">
              <CampaignDetailPage />
            </RequireRole>
          }
        />
        <Route
          path="department"
          element={
            <RequireRole page="department">
              <DepartmentPage />
            </RequireRole>
          }
        />
        <Route
          path="admin"
          element={
            <RequireRole page="admin">
              <AdminPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Shell />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
