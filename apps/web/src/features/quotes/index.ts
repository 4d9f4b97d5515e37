export { OpportunityQuotes } from './OpportunityQuotes.tsx';
export { QuoteDetailPage } from './QuoteDetailPage.tsx';
export { QuoteEditorPage } from './QuoteEditorPage.tsx';
export { QuotesListPage } from './QuotesListPage.tsx';
