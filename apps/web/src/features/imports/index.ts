export { CustomerExportButton } from './ExportButton.tsx';
export { ImportWizardPage } from './ImportWizardPage.tsx';
