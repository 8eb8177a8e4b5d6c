// Every test file of this folder, run as one jest suite (see test/folder-suite.ts).
import { runFolderAsOneSuite } from '../folder-suite';

runFolderAsOneSuite(__dirname);
