// Entry point: styles, language, session, render.
import 'dkfds/dist/css/dkfds.min.css';
import './styles.css';
import { render } from 'preact';
import { App } from './app';
import { initLang } from './i18n';
import { startSession } from './session';

initLang();
void startSession();
const root = document.getElementById('app');
if (root) render(<App />, root);
