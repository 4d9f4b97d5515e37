export { ApprovalDrawer } from './ApprovalDrawer.tsx';
export { ApprovalFlowsPage } from './ApprovalFlowsPage.tsx';
export { ApprovalPanel } from './ApprovalPanel.tsx';
export { ApprovalsPage } from './ApprovalsPage.tsx';
export { ApprovalsWorkbenchCard } from './ApprovalsWorkbenchCard.tsx';
export { type DocumentType, useApprovalCounts } from './api.ts';
