import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { getLang, translate } from '../ui/i18n.tsx';

interface State {
  error: Error | null;
}

/** Last line of defence: a render error shows a page with a reload button instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Render error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const lang = getLang();
    return (
      <Result
        status="500"
        title={translate(lang, 'page.error.title')}
        subTitle={this.state.error.message}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {translate(lang, 'page.error.reload')}
          </Button>
        }
      />
    );
  }
}
