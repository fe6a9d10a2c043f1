// Entry point: styles, language, render.
import 'dkfds/dist/css/dkfds.min.css';
import './styles.css';
import { render } from 'preact';
import { App } from './app';
import { initLang } from './i18n';

initLang();
const root = document.getElementById('app');
if (root) render(<App />, root);
