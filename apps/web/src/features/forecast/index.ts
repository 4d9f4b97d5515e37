export { ForecastPage } from './ForecastPage.tsx';
export { ForecastWorkbenchCard } from './ForecastWorkbenchCard.tsx';
