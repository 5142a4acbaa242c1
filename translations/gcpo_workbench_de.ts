<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ConfigField</name>
    <message>
        <source>Run name</source>
        <translation>Laufname</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Task families</source>
        <translation>Aufgabenfamilien</translation>
    </message>
    <message>
        <source>Format reward</source>
        <translation>Formatbelohnung</translation>
    </message>
    <message>
        <source>Initial policy</source>
        <translation>Anfangs-Policy</translation>
    </message>
    <message>
        <source>SFT config</source>
        <translation>SFT-Konfiguration</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Prompts per step (B)</source>
        <translation>Prompts je Schritt (B)</translation>
    </message>
    <message>
        <source>Group size (G)</source>
        <translation>Gruppengröße (G)</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>Max. neue Tokens</translation>
    </message>
    <message>
        <source>Inner epochs (μ)</source>
        <translation>Innere Epochen (μ)</translation>
    </message>
    <message>
        <source>Clip ε low</source>
        <translation>Clip ε unten</translation>
    </message>
    <message>
        <source>Clip ε high</source>
        <translation>Clip ε oben</translation>
    </message>
    <message>
        <source>Loss aggregation</source>
        <translation>Verlustaggregation</translation>
    </message>
    <message>
        <source>KL coefficient (β)</source>
        <translation>KL-Koeffizient (β)</translation>
    </message>
    <message>
        <source>KL estimator</source>
        <translation>KL-Schätzer</translation>
    </message>
    <message>
        <source>Entropy bonus</source>
        <translation>Entropiebonus</translation>
    </message>
    <message>
        <source>Scale by std</source>
        <translation>Durch Std.-Abw. teilen</translation>
    </message>
    <message>
        <source>Filter zero-variance groups</source>
        <translation>Gruppen ohne Varianz filtern</translation>
    </message>
    <message>
        <source>Diversity bonus</source>
        <translation>Diversitätsbonus</translation>
    </message>
    <message>
        <source>Embedding backend</source>
        <translation>Einbettungs-Backend</translation>
    </message>
    <message>
        <source>n-gram hash size</source>
        <translation>n-Gramm-Hashgröße</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Kern</translation>
    </message>
    <message>
        <source>RBF γ</source>
        <translation>RBF γ</translation>
    </message>
    <message>
        <source>Volume scale (β)</source>
        <translation>Volumenskala (β)</translation>
    </message>
    <message>
        <source>Credit estimator</source>
        <translation>Anteilsschätzer</translation>
    </message>
    <message>
        <source>Permutation samples</source>
        <translation>Permutationsstichproben</translation>
    </message>
    <message>
        <source>Coverage for every algorithm</source>
        <translation>Abdeckung für jeden Algorithmus</translation>
    </message>
    <message>
        <source>Accuracy weight (w)</source>
        <translation>Genauigkeitsgewicht (w)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Gewichtsabnahme</translation>
    </message>
    <message>
        <source>Adam β1</source>
        <translation>Adam β1</translation>
    </message>
    <message>
        <source>Adam β2</source>
        <translation>Adam β2</translation>
    </message>
    <message>
        <source>Gradient clip</source>
        <translation>Gradientenbegrenzung</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>Aufwärmschritte</translation>
    </message>
    <message>
        <source>LR schedule</source>
        <translation>Lernratenplan</translation>
    </message>
    <message>
        <source>Micro-batch</source>
        <translation>Mikro-Batch</translation>
    </message>
    <message>
        <source>Evaluate every</source>
        <translation>Evaluieren alle</translation>
    </message>
    <message>
        <source>Eval prompts</source>
        <translation>Evaluations-Prompts</translation>
    </message>
    <message>
        <source>Samples per prompt (n)</source>
        <translation>Stichproben je Prompt (n)</translation>
    </message>
    <message>
        <source>pass@k values</source>
        <translation>pass@k-Werte</translation>
    </message>
    <message>
        <source>Eval temperature</source>
        <translation>Evaluationstemperatur</translation>
    </message>
    <message>
        <source>Store rollouts</source>
        <translation>Rollouts speichern</translation>
    </message>
    <message>
        <source>Rollouts every N</source>
        <translation>Rollouts alle N</translation>
    </message>
    <message>
        <source>Checkpoint every</source>
        <translation>Checkpoint alle</translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation>Aufbewahrte Checkpoints</translation>
    </message>
    <message>
        <source>Game reward</source>
        <translation>Spielbelohnung</translation>
    </message>
    <message>
        <source>Hugging Face folder</source>
        <translation>Hugging-Face-Ordner</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Chat format</source>
        <translation>Chat-Format</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>System-Prompt</translation>
    </message>
    <message>
        <source>Gradient checkpointing</source>
        <translation>Gradient-Checkpointing</translation>
    </message>
    <message>
        <source>Embedding layer</source>
        <translation>Einbettungsschicht</translation>
    </message>
    <message>
        <source>Distributed backend</source>
        <translation>Verteiltes Backend</translation>
    </message>
    <message>
        <source>Distributed timeout (s)</source>
        <translation>Timeout verteilt (s)</translation>
    </message>
    <message>
        <source>Replica check every</source>
        <translation>Replikatprüfung alle</translation>
    </message>
</context>
<context>
    <name>gcpo::ui</name>
    <message>
        <source>k (samples per prompt, log scale)</source>
        <translation>k (Stichproben je Prompt, log. Skala)</translation>
    </message>
    <message>
        <source>pass@k (fraction of prompts)</source>
        <translation>pass@k (Anteil der Prompts)</translation>
    </message>
    <message>
        <source>%1 pass@%2 per prompt (mean over seeds)</source>
        <translation>%1 pass@%2 je Prompt (Mittel über Seeds)</translation>
    </message>
    <message>
        <source>%1 pass@%2</source>
        <translation>%1 pass@%2</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>gleich</translation>
    </message>
    <message>
        <source>%1 better (%2)</source>
        <translation>%1 besser (%2)</translation>
    </message>
    <message>
        <source>equal (%1)</source>
        <translation>gleich (%1)</translation>
    </message>
    <message>
        <source>Entropy (nats per token)</source>
        <translation>Entropie (nats je Token)</translation>
    </message>
    <message>
        <source>Well-formatted (fraction)</source>
        <translation>Wohlgeformt (Anteil)</translation>
    </message>
    <message>
        <source>Mean length (tokens)</source>
        <translation>Mittlere Länge (Tokens)</translation>
    </message>
    <message>
        <source>Reward (mean)</source>
        <translation>Belohnung (Mittel)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::AboutDialog</name>
    <message>
        <source>About GCPO Workbench</source>
        <translation>Über GCPO Workbench</translation>
    </message>
    <message>
        <source>unknown (gcpo-train not found)</source>
        <translation>unbekannt (gcpo-train nicht gefunden)</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>unbekannt (%1)</translation>
    </message>
    <message>
        <source>gcpo-train %1, %2, BLAS: %3</source>
        <translation>gcpo-train %1, %2, BLAS: %3</translation>
    </message>
    <message>
        <source>CUDA available</source>
        <translation>CUDA verfügbar</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>nur CPU</translation>
    </message>
    <message>
        <source>unknown (gcpo-train version --json gave no answer)</source>
        <translation>unbekannt (gcpo-train version --json gab keine Antwort)</translation>
    </message>
    <message>
        <source>asking gcpo-train…</source>
        <translation>frage gcpo-train…</translation>
    </message>
    <message>
        <source>&lt;h3&gt;GCPO Workbench %1&lt;/h3&gt;&lt;p&gt;Reinforcement learning with verifiable rewards: GCPO (Shapley credit of embedding-space coverage) compared with GRPO and its variants.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GCPO Workbench %1&lt;/h3&gt;&lt;p&gt;Reinforcement Learning mit überprüfbaren Belohnungen: GCPO (Shapley-Anteile an der Abdeckung des Einbettungsraums) im Vergleich mit GRPO und seinen Varianten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1 (erstellt mit %2)</translation>
    </message>
    <message>
        <source>QCustomPlot</source>
        <translation>QCustomPlot</translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation>LibTorch</translation>
    </message>
    <message>
        <source>Run database schema</source>
        <translation>Schema der Laufdatenbank</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <source>Licence: GPL-3.0-or-later.</source>
        <translation>Lizenz: GPL-3.0-or-later.</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::ArmCurves</name>
    <message>
        <source>Also draw every run of each arm as a thin line</source>
        <translation>Zusätzlich jeden Lauf jedes Arms als dünne Linie zeichnen</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>Metrik:</translation>
    </message>
    <message>
        <source>%1 seed %2</source>
        <translation>%1 Seed %2</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>%1 (n = %2)</source>
        <translation>%1 (n = %2)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::CompareView</name>
    <message>
        <source>Settings that differ</source>
        <translation>Abweichende Einstellungen</translation>
    </message>
    <message>
        <source>Eval step:</source>
        <translation>Evaluationsschritt:</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>No evaluation samples stored for this step and prompt</source>
        <translation>Für diesen Schritt und Prompt sind keine Evaluationsstichproben gespeichert</translation>
    </message>
    <message>
        <source>Prompt %1: %2</source>
        <translation>Prompt %1: %2</translation>
    </message>
    <message>
        <source>Unknown report format &quot;%1&quot; (use .pdf or .html): %2</source>
        <translation>Unbekanntes Berichtsformat „%1“ (.pdf oder .html verwenden): %2</translation>
    </message>
    <message>
        <source>Nothing to export: select the runs to compare first</source>
        <translation>Nichts zu exportieren: zuerst die zu vergleichenden Läufe auswählen</translation>
    </message>
    <message>
        <source>Curves: seed mean and 95 % band (%1)</source>
        <translation>Kurven: Seed-Mittelwert und 95-%-Band (%1)</translation>
    </message>
    <message>
        <source>pass@k against k</source>
        <translation>pass@k über k</translation>
    </message>
    <message>
        <source>Per-prompt pass@%1</source>
        <translation>pass@%1 je Prompt</translation>
    </message>
    <message>
        <source>GCPO Workbench comparison</source>
        <translation>GCPO Workbench: Vergleich</translation>
    </message>
    <message>
        <source>Database %1, exported %2. Arm intervals: 95 % Student t over seeds; differences paired by seed with a paired bootstrap 95 % interval and a sign-flip permutation p-value (as gcpo-train report).</source>
        <translation>Datenbank %1, exportiert %2. Intervalle der Arme: 95-%-Student-t über Seeds; Differenzen nach Seed gepaart, mit gepaartem Bootstrap-95-%-Intervall und p-Wert eines Vorzeichen-Permutationstests (wie gcpo-train report).</translation>
    </message>
    <message>
        <source>Final metrics</source>
        <translation>Endmetriken</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Baseline arm: the differences are treatment − baseline</source>
        <translation>Baseline-Arm: die Differenzen sind Behandlung − Baseline</translation>
    </message>
    <message>
        <source>Treatment arm</source>
        <translation>Behandlungsarm</translation>
    </message>
    <message>
        <source>Evaluation step present in every compared run (the table, pass@k and samples use it)</source>
        <translation>Evaluationsschritt, den jeder verglichene Lauf enthält (Tabelle, pass@k und Stichproben verwenden ihn)</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Bericht exportieren…</translation>
    </message>
    <message>
        <source>The summary (table and plots) as one PDF or one self-contained HTML file</source>
        <translation>Die Zusammenfassung (Tabelle und Diagramme) als eine PDF- oder eine eigenständige HTML-Datei</translation>
    </message>
    <message>
        <source>Baseline:</source>
        <translation>Baseline:</translation>
    </message>
    <message>
        <source>Treatment:</source>
        <translation>Behandlung:</translation>
    </message>
    <message>
        <source>Select runs to compare (runs are grouped by algorithm, one per seed)</source>
        <translation>Zu vergleichende Läufe auswählen (Läufe werden nach Algorithmus gruppiert, einer je Seed)</translation>
    </message>
    <message>
        <source>Mean ± half-width of the 95 % t interval over seeds; the difference column is paired by seed (bootstrap interval and sign-flip p-value)</source>
        <translation>Mittelwert ± halbe Breite des 95-%-t-Intervalls über Seeds; die Differenzspalte ist nach Seed gepaart (Bootstrap-Intervall und Vorzeichen-Permutations-p-Wert)</translation>
    </message>
    <message>
        <source>k = </source>
        <translation>k = </translation>
    </message>
    <message>
        <source>k of the per-prompt pass@k</source>
        <translation>k des pass@k je Prompt</translation>
    </message>
    <message>
        <source>Per prompt</source>
        <translation>Je Prompt</translation>
    </message>
    <message>
        <source>Curves: seed mean and 95 % band</source>
        <translation>Kurven: Seed-Mittelwert und 95-%-Band</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Stichproben</translation>
    </message>
    <message>
        <source>Export comparison report</source>
        <translation>Vergleichsbericht exportieren</translation>
    </message>
    <message>
        <source>PDF document (*.pdf);;Self-contained HTML (*.html)</source>
        <translation>PDF-Dokument (*.pdf);;Eigenständiges HTML (*.html)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not read the runs: %1</source>
        <translation>Die Läufe konnten nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n seed(s))</source>
        <translation>
            <numerusform>%1 (%n Seed)</numerusform>
            <numerusform>%1 (%n Seeds)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at eval step %2</source>
        <translation>%1 bei Evaluationsschritt %2</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> vs. </translation>
    </message>
    <message>
        <source>%1 − %2</source>
        <translation>%1 − %2</translation>
    </message>
    <message>
        <source>No difference whose 95 % interval excludes 0.</source>
        <translation>Keine Differenz, deren 95-%-Intervall 0 ausschließt.</translation>
    </message>
    <message>
        <source>Intervals excluding 0: %1.</source>
        <translation>Intervalle ohne 0: %1.</translation>
    </message>
    <message>
        <source>All prompts</source>
        <translation>Alle Prompts</translation>
    </message>
    <message>
        <source>%1 solved, %2 not</source>
        <translation>%1 gelöst, %2 nicht</translation>
    </message>
    <message>
        <source>Both solved</source>
        <translation>Beide gelöst</translation>
    </message>
    <message>
        <source>Neither solved</source>
        <translation>Keiner gelöst</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 · seed %2</source>
        <translation>%1 · Seed %2</translation>
    </message>
    <message>
        <source>%1: %2/%3 correct, %4 distinct</source>
        <translation>%1: %2/%3 richtig, %4 verschiedene</translation>
    </message>
    <message>
        <source>Select runs with evaluations to see their samples</source>
        <translation>Läufe mit Evaluationen auswählen, um ihre Stichproben zu sehen</translation>
    </message>
    <message>
        <source>✓ correct, ✗ wrong, ★ first sample of a distinct correct answer. </source>
        <translation>✓ richtig, ✗ falsch, ★ erste Stichprobe einer jeweils verschiedenen richtigen Antwort. </translation>
    </message>
    <message>
        <source>Prompt %1: %2
x %3, y %4%5</source>
        <translation>Prompt %1: %2
x %3, y %4%5</translation>
    </message>
    <message>
        <source>
%1 prompts at this point</source>
        <translation>
%1 Prompts an diesem Punkt</translation>
    </message>
    <message numerus="yes">
        <source>Intervals excluding 0: %1; and %n more (coloured in the table).</source>
        <translation>
            <numerusform>Intervalle ohne 0: %1; und %n weiteres (in der Tabelle eingefärbt).</numerusform>
            <numerusform>Intervalle ohne 0: %1; und %n weitere (in der Tabelle eingefärbt).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gcpo::ui::ConfigDiffModel</name>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::ConfigPanel</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>Optimierung</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicherung</translation>
    </message>
    <message>
        <source>GCPO (Shapley coverage credit)</source>
        <translation>GCPO (Shapley-Anteile an der Abdeckung)</translation>
    </message>
    <message>
        <source>GRPO</source>
        <translation>GRPO</translation>
    </message>
    <message>
        <source>Dr. GRPO</source>
        <translation>Dr. GRPO</translation>
    </message>
    <message>
        <source>DAPO</source>
        <translation>DAPO</translation>
    </message>
    <message>
        <source>GRPO + entropy bonus</source>
        <translation>GRPO + Entropiebonus</translation>
    </message>
    <message>
        <source>GRPO + diversity bonus</source>
        <translation>GRPO + Diversitätsbonus</translation>
    </message>
    <message>
        <source>Demo experiment</source>
        <translation>Demo-Experiment</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Load a run configuration from a JSON file</source>
        <translation>Laufkonfiguration aus einer JSON-Datei laden</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save this configuration as a JSON file (usable with gcpo-train run --config)</source>
        <translation>Diese Konfiguration als JSON-Datei speichern (für gcpo-train run --config)</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Vorgabe:</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>Training starten</translation>
    </message>
    <message>
        <source>Start gcpo-train with this configuration in the open database (Ctrl+R)</source>
        <translation>gcpo-train mit dieser Konfiguration in der geöffneten Datenbank starten (Strg+R)</translation>
    </message>
    <message>
        <source>comma-separated integers, e.g. 1, 2, 4, 8</source>
        <translation>kommagetrennte Ganzzahlen, z. B. 1, 2, 4, 8</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>not a number: &quot;%1&quot;</source>
        <translation>keine Zahl: „%1“</translation>
    </message>
    <message>
        <source>not an integer: &quot;%1&quot;</source>
        <translation>keine Ganzzahl: „%1“</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>kein gültiges JSON</translation>
    </message>
    <message>
        <source>a run config must be a JSON object</source>
        <translation>eine Laufkonfiguration muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 ist kein gültiges JSON: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Unknown preset %1</source>
        <translation>Unbekannte Vorgabe %1</translation>
    </message>
    <message>
        <source>Cannot read preset %1: %2</source>
        <translation>Vorgabe %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Preset %1 is not valid JSON: %2</source>
        <translation>Vorgabe %1 ist kein gültiges JSON: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): %1</source>
        <translation>
            <numerusform>%n Problem: %1</numerusform>
            <numerusform>%n Probleme: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Load run configuration</source>
        <translation>Laufkonfiguration laden</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save run configuration</source>
        <translation>Laufkonfiguration speichern</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <source>SFT configs (*.json);;All files (*)</source>
        <translation>SFT-Konfigurationen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Apply a built-in preset: the whole form is reset to the preset (defaults elsewhere)</source>
        <translation>Eine eingebaute Vorgabe anwenden: das ganze Formular wird auf die Vorgabe zurückgesetzt (sonst auf Standardwerte)</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>Open or create a run database</source>
        <translation>Eine Laufdatenbank öffnen oder anlegen</translation>
    </message>
    <message>
        <source>Run databases (*.sqlite *.db);;All files (*)</source>
        <translation>Laufdatenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>none: choose an existing file or name a new one</source>
        <translation>keine: eine vorhandene Datei wählen oder eine neue benennen</translation>
    </message>
    <message>
        <source>The run database the run is written to; a new file name creates an empty database</source>
        <translation>Die Laufdatenbank, in die der Lauf geschrieben wird; ein neuer Dateiname legt eine leere Datenbank an</translation>
    </message>
    <message>
        <source>A run is training: one at a time from this window</source>
        <translation>Ein Lauf trainiert gerade: aus diesem Fenster jeweils nur einer</translation>
    </message>
    <message>
        <source>Choose a run database first (Database: Browse…, or File &gt; Open / New)</source>
        <translation>Zuerst eine Laufdatenbank wählen (Datenbank: Durchsuchen…, oder Datei &gt; Öffnen / Neu)</translation>
    </message>
    <message>
        <source>Fix the problems shown in red first</source>
        <translation>Zuerst die rot markierten Probleme beheben</translation>
    </message>
    <message>
        <source>Start gcpo-train with this configuration in %1 (Ctrl+R)</source>
        <translation>gcpo-train mit dieser Konfiguration in %1 starten (Strg+R)</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>Zeile %1</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::CoverageData</name>
    <message>
        <source>no stored embeddings for this group (rollout retention or embedding backend)</source>
        <translation>keine gespeicherten Einbettungen für diese Gruppe (Rollout-Aufbewahrung oder Einbettungs-Backend)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::CoverageView</name>
    <message>
        <source>All groups of the step</source>
        <translation>Alle Gruppen des Schritts</translation>
    </message>
    <message>
        <source>No group selected</source>
        <translation>Keine Gruppe ausgewählt</translation>
    </message>
    <message>
        <source>rollout</source>
        <translation>Rollout</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>Kern</translation>
    </message>
    <message>
        <source>Embedding coverage</source>
        <translation>Einbettungsabdeckung</translation>
    </message>
    <message>
        <source>Could not read the group: %1</source>
        <translation>Die Gruppe konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>richtig</translation>
    </message>
    <message>
        <source>Also draw the other groups&apos; rollouts of this step (grey; PCA only)</source>
        <translation>Zusätzlich die Rollouts der anderen Gruppen dieses Schritts zeichnen (grau; nur PCA)</translation>
    </message>
    <message>
        <source>PCA (one frame per run)</source>
        <translation>PCA (ein Bezugssystem je Lauf)</translation>
    </message>
    <message>
        <source>MDS of kernel distances (this group)</source>
        <translation>MDS der Kerndistanzen (diese Gruppe)</translation>
    </message>
    <message>
        <source>PCA keeps frames aligned across steps; classical MDS of d² = K_ii + K_jj − 2K_ij keeps more of the group&apos;s own geometry</source>
        <translation>PCA hält die Bezugssysteme über die Schritte hinweg ausgerichtet; klassische MDS von d² = K_ii + K_jj − 2K_ij bewahrt mehr von der eigenen Geometrie der Gruppe</translation>
    </message>
    <message>
        <source>rollouts added in decreasing credit order</source>
        <translation>Rollouts nach absteigendem Anteil hinzugefügt</translation>
    </message>
    <message>
        <source>Projection:</source>
        <translation>Projektion:</translation>
    </message>
    <message>
        <source>Run %1, step %2, group %3: %4</source>
        <translation>Lauf %1, Schritt %2, Gruppe %3: %4</translation>
    </message>
    <message>
        <source>&lt;b&gt;Run %1, step %2, group %3&lt;/b&gt;: team coverage %4 nats (%5 kernel, β = %6); %7 rollouts, %8 distinct embeddings</source>
        <translation>&lt;b&gt;Lauf %1, Schritt %2, Gruppe %3&lt;/b&gt;: Teamabdeckung %4 nats (%5-Kern, β = %6); %7 Rollouts, %8 verschiedene Einbettungen</translation>
    </message>
    <message>
        <source>correct (size ∝ credit)</source>
        <translation>richtig (Größe ∝ Anteil)</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>×n: n rollouts with the same embedding</source>
        <translation>×n: n Rollouts mit derselben Einbettung</translation>
    </message>
    <message>
        <source>other groups of the step</source>
        <translation>andere Gruppen des Schritts</translation>
    </message>
    <message>
        <source>PC %1 (%2 % of variance)</source>
        <translation>PC %1 (%2 % der Varianz)</translation>
    </message>
    <message>
        <source>MDS %1 (%2 % of the kernel&apos;s variance)</source>
        <translation>MDS %1 (%2 % der Varianz des Kerns)</translation>
    </message>
    <message>
        <source>stored team coverage</source>
        <translation>gespeicherte Teamabdeckung</translation>
    </message>
    <message>
        <source>rollout # added, in decreasing credit order</source>
        <translation>hinzugefügtes Rollout #, nach absteigendem Anteil</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Rollout(s) %1 (%2), answer %3, credit %4

%5</source>
        <translation>Rollout(s) %1 (%2), Antwort %3, Anteil %4

%5</translation>
    </message>
    <message>
        <source>rollout (colour: kernel K(i, j))</source>
        <translation>Rollout (Farbe: Kern K(i, j))</translation>
    </message>
    <message>
        <source>v(S) (nats)</source>
        <translation>v(S) (nats)</translation>
    </message>
    <message>
        <source>Step: team coverage of each run</source>
        <translation>Schritt: Teamabdeckung jedes Laufs</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>nats</translation>
    </message>
    <message>
        <source>gain, correct rollout</source>
        <translation>Zuwachs, richtiges Rollout</translation>
    </message>
    <message>
        <source>gain, wrong rollout</source>
        <translation>Zuwachs, falsches Rollout</translation>
    </message>
    <message>
        <source>v(S)</source>
        <translation>v(S)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::CreditView</name>
    <message>
        <source>rollout</source>
        <translation>Rollout</translation>
    </message>
    <message>
        <source>credit / advantage</source>
        <translation>Anteil / Vorteil</translation>
    </message>
    <message>
        <source>GCPO credit (stored)</source>
        <translation>GCPO-Anteil (gespeichert)</translation>
    </message>
    <message>
        <source>GRPO advantage (stored)</source>
        <translation>GRPO-Vorteil (gespeichert)</translation>
    </message>
    <message>
        <source>credit (what if)</source>
        <translation>Anteil (Was-wäre-wenn)</translation>
    </message>
    <message>
        <source>GCPO advantage (what if)</source>
        <translation>GCPO-Vorteil (Was-wäre-wenn)</translation>
    </message>
    <message>
        <source>No group selected</source>
        <translation>Keine Gruppe ausgewählt</translation>
    </message>
    <message>
        <source>Marginal contributions</source>
        <translation>Marginale Beiträge</translation>
    </message>
    <message>
        <source>Could not read the group: %1</source>
        <translation>Die Gruppe konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>no stored embeddings for this group</source>
        <translation>keine gespeicherten Einbettungen für diese Gruppe</translation>
    </message>
    <message>
        <source>No rollouts stored for this step</source>
        <translation>Für diesen Schritt sind keine Rollouts gespeichert</translation>
    </message>
    <message>
        <source>Stored: Σ credit = %1, team coverage = %2 (difference %3)</source>
        <translation>Gespeichert: Σ Anteil = %1, Teamabdeckung = %2 (Differenz %3)</translation>
    </message>
    <message>
        <source>What if (%1 kernel, β = %2, %3): team coverage = %4, Σ credit = %5%6</source>
        <translation>Was wäre, wenn (%1-Kern, β = %2, %3): Teamabdeckung = %4, Σ Anteil = %5%6</translation>
    </message>
    <message numerus="yes">
        <source>, %n jitter event(s)</source>
        <translation>
            <numerusform>, %n Jitter-Ereignis</numerusform>
            <numerusform>, %n Jitter-Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>What if: %1</source>
        <translation>Was wäre, wenn: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Run %1 (%2, %3), step %4, group %5&lt;/b&gt;: %6</source>
        <translation>&lt;b&gt;Lauf %1 (%2, %3), Schritt %4, Gruppe %5&lt;/b&gt;: %6</translation>
    </message>
    <message>
        <source>⚠ No rollout of this group is correct, yet the advantage used is non-zero (largest |A| = %1): the rewards differ only by the format reward, and the loss still moves the policy on it.</source>
        <translation>⚠ Kein Rollout dieser Gruppe ist richtig, dennoch ist der verwendete Vorteil ungleich null (größtes |A| = %1): Die Belohnungen unterscheiden sich nur durch die Formatbelohnung, und der Verlust verändert die Policy trotzdem danach.</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::CurvesView</name>
    <message>
        <source>Metric to plot</source>
        <translation>Darzustellende Metrik</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Echtzeit</translation>
    </message>
    <message>
        <source>Rollouts consumed</source>
        <translation>Verbrauchte Rollouts</translation>
    </message>
    <message>
        <source>Horizontal axis</source>
        <translation>Horizontale Achse</translation>
    </message>
    <message>
        <source>Debiased exponential moving average weight (0: raw series only)</source>
        <translation>Gewicht des entzerrten exponentiellen gleitenden Mittels (0: nur Rohdaten)</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>Metrik:</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>X-Achse:</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>Glättung:</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Other: %1</source>
        <translation>Sonstige: %1</translation>
    </message>
    <message>
        <source> (raw)</source>
        <translation> (roh)</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>Echtzeit (s)</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) drawn, all stored points (no downsampling)</source>
        <translation>
            <numerusform>%n Punkt gezeichnet, alle gespeicherten Punkte (keine Ausdünnung)</numerusform>
            <numerusform>%n Punkte gezeichnet, alle gespeicherten Punkte (keine Ausdünnung)</numerusform>
        </translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>Log. y</translation>
    </message>
    <message>
        <source>Logarithmic y axis (points at or below zero are not drawn)</source>
        <translation>Logarithmische y-Achse (Punkte kleiner oder gleich null werden nicht gezeichnet)</translation>
    </message>
    <message>
        <source>; evaluation series are never smoothed</source>
        <translation>; Evaluationsreihen werden nie geglättet</translation>
    </message>
    <message>
        <source> (smoothed %1)</source>
        <translation> (geglättet %1)</translation>
    </message>
    <message>
        <source>%1 (all runs, by shade)</source>
        <translation>%1 (alle Läufe, nach Farbton)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::DashboardView</name>
    <message>
        <source>Add panel</source>
        <translation>Diagramm hinzufügen</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Distribution over time</source>
        <translation>Verteilung über die Zeit</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>Layout zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the default panels</source>
        <translation>Zurück zu den Standarddiagrammen</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Echtzeit</translation>
    </message>
    <message>
        <source>Rollouts consumed</source>
        <translation>Verbrauchte Rollouts</translation>
    </message>
    <message>
        <source>EMA weight for dense training series (evaluation series are always drawn raw)</source>
        <translation>EMA-Gewicht für dichte Trainingsreihen (Evaluationsreihen werden immer roh gezeichnet)</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>Spalten:</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>X-Achse:</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>Glättung:</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Remove this panel</source>
        <translation>Dieses Diagramm entfernen</translation>
    </message>
    <message>
        <source>Panels per row (fewer while the view is too narrow to show them legibly)</source>
        <translation>Diagramme je Zeile (weniger, solange die Ansicht zu schmal ist, um sie lesbar darzustellen)</translation>
    </message>
    <message>
        <source>The runs shown in every panel. Hover a curve for each run&apos;s value at that step.</source>
        <translation>Die in jedem Diagramm gezeigten Läufe. Mit der Maus über eine Kurve fahren, um den Wert jedes Laufs bei diesem Schritt zu sehen.</translation>
    </message>
    <message>
        <source>(colours repeat every 10 runs)</source>
        <translation>(Farben wiederholen sich alle 10 Läufe)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::DemoSummaryDialog</name>
    <message>
        <source>What this demo shows</source>
        <translation>Was diese Demo zeigt</translation>
    </message>
    <message>
        <source>The demo summary (%1) could not be read.</source>
        <translation>Die Demo-Zusammenfassung (%1) konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::DistributionPlot</name>
    <message>
        <source>Advantage used (distribution)</source>
        <translation>Verwendeter Vorteil (Verteilung)</translation>
    </message>
    <message>
        <source>GCPO credit (distribution)</source>
        <translation>GCPO-Anteil (Verteilung)</translation>
    </message>
    <message>
        <source>GRPO advantage (distribution)</source>
        <translation>GRPO-Vorteil (Verteilung)</translation>
    </message>
    <message>
        <source>Reward (distribution)</source>
        <translation>Belohnung (Verteilung)</translation>
    </message>
    <message>
        <source>Completion length (distribution)</source>
        <translation>Länge der Vervollständigungen (Verteilung)</translation>
    </message>
    <message>
        <source>Per-rollout quantity whose distribution over each step is drawn</source>
        <translation>Größe je Rollout, deren Verteilung für jeden Schritt gezeichnet wird</translation>
    </message>
    <message>
        <source>Run whose rollouts are read</source>
        <translation>Lauf, dessen Rollouts gelesen werden</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Could not read the rollouts: %1</source>
        <translation>Die Rollouts konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Every %1th stored step is shown (the run has more than %2)</source>
        <translation>Jeder %1. gespeicherte Schritt wird gezeigt (der Lauf hat mehr als %2)</translation>
    </message>
    <message>
        <source>5–95 %</source>
        <translation>5–95 %</translation>
    </message>
    <message>
        <source>25–75 %</source>
        <translation>25–75 %</translation>
    </message>
    <message>
        <source>median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>%1 (tokens)</source>
        <translation>%1 (Tokens)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::EvalSampleModel</name>
    <message>
        <source>(no answer)</source>
        <translation>(keine Antwort)</translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation>Stichprobe %1</translation>
    </message>
    <message>
        <source>  (= #%1)</source>
        <translation>  (= #%1)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::FinalMetricsModel</name>
    <message numerus="yes">
        <source>Paired difference over %n seed(s) present in both arms: mean, paired bootstrap 95 % interval and sign-flip permutation p-value (as gcpo-train report). Coloured only when the interval excludes 0.</source>
        <translation>
            <numerusform>Gepaarte Differenz über %n in beiden Armen vorhandenen Seed: Mittelwert, gepaartes Bootstrap-95-%-Intervall und p-Wert eines Vorzeichen-Permutationstests (wie gcpo-train report). Nur eingefärbt, wenn das Intervall 0 ausschließt.</numerusform>
            <numerusform>Gepaarte Differenz über %n in beiden Armen vorhandene Seeds: Mittelwert, gepaartes Bootstrap-95-%-Intervall und p-Wert eines Vorzeichen-Permutationstests (wie gcpo-train report). Nur eingefärbt, wenn das Intervall 0 ausschließt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %2: mean %3 over %n seed(s), std %4, 95 % interval [%5, %6]</source>
        <translation>
            <numerusform>%1, %2: Mittelwert %3 über %n Seed, Std.-Abw. %4, 95-%-Intervall [%5, %6]</numerusform>
            <numerusform>%1, %2: Mittelwert %3 über %n Seeds, Std.-Abw. %4, 95-%-Intervall [%5, %6]</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (n = %2)</source>
        <translation>%1 (n = %2)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::GroupTableModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>GCPO team reward: log det(I + beta L) of the reward-weighted kernel</source>
        <translation>GCPO-Teambelohnung: log det(I + beta L) des belohnungsgewichteten Kerns</translation>
    </message>
    <message>
        <source>All rewards equal: GRPO gets no signal from this group</source>
        <translation>Alle Belohnungen gleich: GRPO erhält von dieser Gruppe kein Signal</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Reward mean</source>
        <translation>Mittlere Belohnung</translation>
    </message>
    <message>
        <source>Reward std</source>
        <translation>Belohnung Std.-Abw.</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>Team coverage</source>
        <translation>Teamabdeckung</translation>
    </message>
    <message>
        <source>Zero variance</source>
        <translation>Varianz null</translation>
    </message>
    <message>
        <source>No rollout is correct, yet the advantages are not all zero: the rewards differ only by the format reward, and GCPO&apos;s credit of that reward moves the policy</source>
        <translation>Kein Rollout ist richtig, dennoch sind die Vorteile nicht alle null: Die Belohnungen unterscheiden sich nur durch die Formatbelohnung, und GCPOs Anteil an dieser Belohnung verändert die Policy</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::HfModelBox</name>
    <message>
        <source>Built-in (character-level)</source>
        <translation>Eingebaut (zeichenbasiert)</translation>
    </message>
    <message>
        <source>Hugging Face folder</source>
        <translation>Hugging-Face-Ordner</translation>
    </message>
    <message>
        <source>Train the built-in character-level model, or a Hugging Face model folder (config.json, model.safetensors, tokenizer.json) such as Qwen2.5-0.5B-Instruct</source>
        <translation>Das eingebaute zeichenbasierte Modell trainieren oder einen Hugging-Face-Modellordner (config.json, model.safetensors, tokenizer.json) wie Qwen2.5-0.5B-Instruct</translation>
    </message>
    <message>
        <source>Hugging Face model folder</source>
        <translation>Hugging-Face-Modellordner</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose a Hugging Face model folder</source>
        <translation>Einen Hugging-Face-Modellordner wählen</translation>
    </message>
    <message>
        <source>Model source</source>
        <translation>Modellquelle</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>Choose a model folder.</source>
        <translation>Einen Modellordner wählen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 layers, hidden size %3, %4 heads / %5 KV heads, vocabulary %6%7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 Schichten, Hidden Size %3, %4 Heads / %5 KV-Heads, Vokabular %6%7</translation>
    </message>
    <message>
        <source> (tied embeddings)</source>
        <translation> (gekoppelte Einbettungen)</translation>
    </message>
    <message>
        <source>%1 parameters (%2 B)</source>
        <translation>%1 Parameter (%2 B)</translation>
    </message>
    <message>
        <source>%1: %2 GiB weights, gradients, AdamW%3 + about %4 GiB activations = %5 GiB</source>
        <translation>%1: %2 GiB Gewichte, Gradienten, AdamW%3 + etwa %4 GiB Aktivierungen = %5 GiB</translation>
    </message>
    <message>
        <source>, reference</source>
        <translation>, Referenz</translation>
    </message>
    <message>
        <source>&lt;small&gt;Activations estimated for %1 sequences × %2 tokens per forward (a prompt of about %3 tokens assumed); not measured.&lt;/small&gt;</source>
        <translation>&lt;small&gt;Aktivierungen geschätzt für %1 Sequenzen × %2 Tokens je Vorwärtsdurchlauf (Prompt von etwa %3 Tokens angenommen); nicht gemessen.&lt;/small&gt;</translation>
    </message>
    <message>
        <source>tokenizer.json is missing</source>
        <translation>tokenizer.json fehlt</translation>
    </message>
    <message>
        <source>no model.safetensors or model.safetensors.index.json (config.json only)</source>
        <translation>kein model.safetensors oder model.safetensors.index.json (nur config.json)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::LogPanel</name>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear the log panel (the run database keeps its own log)</source>
        <translation>Protokollbereich leeren (die Laufdatenbank behält ihr eigenes Protokoll)</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save the log panel&apos;s text to a file</source>
        <translation>Text des Protokollbereichs in einer Datei speichern</translation>
    </message>
    <message numerus="yes">
        <source>── last %n log line(s) of run %1 (%2) ──</source>
        <translation>
            <numerusform>── letzte %n Protokollzeile von Lauf %1 (%2) ──</numerusform>
            <numerusform>── letzte %n Protokollzeilen von Lauf %1 (%2) ──</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the log of run %1: %2</source>
        <translation>Das Protokoll von Lauf %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Save log</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>Protokolldateien (*.log *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::MainWindow</name>
    <message>
        <source>GCPO Workbench</source>
        <translation>GCPO Workbench</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation>Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
    <message>
        <source>%1 – GCPO Workbench</source>
        <translation>%1 – GCPO Workbench</translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation>Training kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>Starting gcpo-train…</source>
        <translation>Starte gcpo-train…</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a run database</source>
        <translation>Eine Laufdatenbank öffnen</translation>
    </message>
    <message>
        <source>&amp;New Database…</source>
        <translation>&amp;Neue Datenbank…</translation>
    </message>
    <message>
        <source>Create an empty run database</source>
        <translation>Eine leere Laufdatenbank anlegen</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>Training &amp;starten</translation>
    </message>
    <message>
        <source>Start gcpo-train with the configuration panel&apos;s settings</source>
        <translation>gcpo-train mit den Einstellungen des Konfigurationsbereichs starten</translation>
    </message>
    <message>
        <source>S&amp;top Training</source>
        <translation>Training s&amp;toppen</translation>
    </message>
    <message>
        <source>Stop gracefully: finish the step, checkpoint, mark the run interrupted</source>
        <translation>Sauber anhalten: Schritt beenden, Checkpoint schreiben, Lauf als unterbrochen markieren</translation>
    </message>
    <message>
        <source>&amp;Resume Run</source>
        <translation>Lauf &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Resume the selected interrupted or crashed run from its last checkpoint</source>
        <translation>Den ausgewählten unterbrochenen oder abgestürzten Lauf ab seinem letzten Checkpoint fortsetzen</translation>
    </message>
    <message>
        <source>Run the &amp;Demo Experiment</source>
        <translation>&amp;Demo-Experiment ausführen</translation>
    </message>
    <message>
        <source>SFT warm-up, then GRPO and GCPO from the same checkpoint, in the open database</source>
        <translation>SFT-Aufwärmphase, dann GRPO und GCPO vom selben Checkpoint, in der geöffneten Datenbank</translation>
    </message>
    <message>
        <source>&amp;Export Plot…</source>
        <translation>Diagramm &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export the active view&apos;s plot as PNG, PDF, SVG or its data as CSV</source>
        <translation>Diagramm der aktiven Ansicht als PNG, PDF, SVG oder seine Daten als CSV exportieren</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Language and theme</source>
        <translation>Sprache und Farbschema</translation>
    </message>
    <message>
        <source>&amp;About GCPO Workbench</source>
        <translation>Ü&amp;ber GCPO Workbench</translation>
    </message>
    <message>
        <source>Versions of Qt, LibTorch and the database schema</source>
        <translation>Versionen von Qt, LibTorch und dem Datenbankschema</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit the workbench</source>
        <translation>Die Workbench beenden</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Run configuration</source>
        <translation>Laufkonfiguration</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <source>gcpo-train is still training. Stop it (it checkpoints, and the run can be resumed later) and quit?</source>
        <translation>gcpo-train trainiert noch. Anhalten (es schreibt einen Checkpoint, der Lauf kann später fortgesetzt werden) und beenden?</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>Not a GCPO run database</source>
        <translation>Keine GCPO-Laufdatenbank</translation>
    </message>
    <message>
        <source>Cannot create database</source>
        <translation>Datenbank kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>A run is already training in this database; following it.</source>
        <translation>In dieser Datenbank trainiert bereits ein Lauf; er wird verfolgt.</translation>
    </message>
    <message>
        <source>Starting a run in %1</source>
        <translation>Starte einen Lauf in %1</translation>
    </message>
    <message>
        <source>Stopping: finishing the step and checkpointing…</source>
        <translation>Halte an: Schritt wird beendet und Checkpoint geschrieben…</translation>
    </message>
    <message>
        <source>SFT warm-up</source>
        <translation>SFT-Aufwärmphase</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>Evaluiere</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>%v / %m  (ETA %1)</source>
        <translation>%v / %m  (Rest %1)</translation>
    </message>
    <message>
        <source>%1 – run %2</source>
        <translation>%1 – Lauf %2</translation>
    </message>
    <message>
        <source>Open run database</source>
        <translation>Laufdatenbank öffnen</translation>
    </message>
    <message>
        <source>Run databases (*.sqlite *.db);;All files (*)</source>
        <translation>Laufdatenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>New run database</source>
        <translation>Neue Laufdatenbank</translation>
    </message>
    <message>
        <source>Run databases (*.sqlite *.db)</source>
        <translation>Laufdatenbanken (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;SVG vector image (*.svg);;CSV data, full resolution (*.csv)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf);;SVG-Vektorgrafik (*.svg);;CSV-Daten, volle Auflösung (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>The configuration panel holds the run&apos;s config: change what you want, then Start</source>
        <translation>Der Konfigurationsbereich enthält die Konfiguration des Laufs: nach Belieben ändern, dann starten</translation>
    </message>
    <message>
        <source>New run from this config</source>
        <translation>Neuer Lauf mit dieser Konfiguration</translation>
    </message>
    <message>
        <source>Start gcpo-train with the configuration panel&apos;s settings (Ctrl+R)</source>
        <translation>gcpo-train mit den Einstellungen des Konfigurationsbereichs starten (Strg+R)</translation>
    </message>
    <message>
        <source>Open or create a run database first (File &gt; Open / New)</source>
        <translation>Zuerst eine Laufdatenbank öffnen oder anlegen (Datei &gt; Öffnen / Neu)</translation>
    </message>
    <message>
        <source>&amp;What This Demo Shows…</source>
        <translation>&amp;Was diese Demo zeigt…</translation>
    </message>
    <message>
        <source>The demo&apos;s question and its measured result with its uncertainty</source>
        <translation>Die Fragestellung der Demo und ihr gemessenes Ergebnis mit seiner Unsicherheit</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::MetricCatalog</name>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Diversity</source>
        <translation>Diversität</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Belohnung</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>Lengths</source>
        <translation>Längen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>pass@1 (eval)</source>
        <translation>pass@1 (Eval.)</translation>
    </message>
    <message>
        <source>pass@k (eval: k = 1, 2, 4, 8, 16)</source>
        <translation>pass@k (Eval.: k = 1, 2, 4, 8, 16)</translation>
    </message>
    <message>
        <source>pass@8 (eval)</source>
        <translation>pass@8 (Eval.)</translation>
    </message>
    <message>
        <source>Training accuracy</source>
        <translation>Trainingsgenauigkeit</translation>
    </message>
    <message>
        <source>Format rate</source>
        <translation>Formatquote</translation>
    </message>
    <message>
        <source>Distinct correct answers (eval)</source>
        <translation>Verschiedene richtige Antworten (Eval.)</translation>
    </message>
    <message>
        <source>Solution-space coverage (eval)</source>
        <translation>Abdeckung des Lösungsraums (Eval.)</translation>
    </message>
    <message>
        <source>Vendi score (eval)</source>
        <translation>Vendi-Score (Eval.)</translation>
    </message>
    <message>
        <source>Mean pairwise distance (eval)</source>
        <translation>Mittlerer paarweiser Abstand (Eval.)</translation>
    </message>
    <message>
        <source>Distinct correct answers (training)</source>
        <translation>Verschiedene richtige Antworten (Training)</translation>
    </message>
    <message>
        <source>Reward standard deviation</source>
        <translation>Standardabweichung der Belohnung</translation>
    </message>
    <message>
        <source>Zero-variance groups</source>
        <translation>Gruppen ohne Varianz</translation>
    </message>
    <message>
        <source>Team coverage</source>
        <translation>Teamabdeckung</translation>
    </message>
    <message>
        <source>KL to reference</source>
        <translation>KL zur Referenz</translation>
    </message>
    <message>
        <source>Entropy (training and eval)</source>
        <translation>Entropie (Training und Eval.)</translation>
    </message>
    <message>
        <source>Clip ratios</source>
        <translation>Clip-Anteile</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>Gradientennorm</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Completion length (training and eval)</source>
        <translation>Länge der Vervollständigungen (Training und Eval.)</translation>
    </message>
    <message>
        <source>Clipped completions</source>
        <translation>Abgeschnittene Vervollständigungen</translation>
    </message>
    <message>
        <source>Step-time breakdown</source>
        <translation>Aufteilung der Schrittzeit</translation>
    </message>
    <message>
        <source>Rollouts consumed</source>
        <translation>Verbrauchte Rollouts</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source> (eval)</source>
        <translation> (Eval.)</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>fraction of groups</source>
        <translation>Anteil der Gruppen</translation>
    </message>
    <message>
        <source>fraction of tokens</source>
        <translation>Anteil der Tokens</translation>
    </message>
    <message>
        <source>answers per prompt</source>
        <translation>Antworten je Prompt</translation>
    </message>
    <message>
        <source>effective count</source>
        <translation>effektive Anzahl</translation>
    </message>
    <message>
        <source>1 − cosine</source>
        <translation>1 − Kosinus</translation>
    </message>
    <message>
        <source>nats, log det</source>
        <translation>nats, log det</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>nats</translation>
    </message>
    <message>
        <source>nats per token</source>
        <translation>nats je Token</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>rollouts</source>
        <translation>Rollouts</translation>
    </message>
    <message>
        <source>L2 norm</source>
        <translation>L2-Norm</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>Belohnung</translation>
    </message>
    <message>
        <source>Completion length (training)</source>
        <translation>Länge der Vervollständigungen (Training)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::PathEdit</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::PlotExport</name>
    <message>
        <source>Unknown export format for %1 (use .png, .pdf, .svg or .csv)</source>
        <translation>Unbekanntes Exportformat für %1 (.png, .pdf, .svg oder .csv verwenden)</translation>
    </message>
    <message>
        <source>No plot to export</source>
        <translation>Kein Diagramm zum Exportieren</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::PromptOutcomeModel</name>
    <message>
        <source>Share of the arm&apos;s runs with at least one correct sample for this prompt</source>
        <translation>Anteil der Läufe des Arms mit mindestens einer richtigen Stichprobe für diesen Prompt</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>%1 solved</source>
        <translation>%1 gelöst</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RolloutGroupsView</name>
    <message>
        <source>Run whose rollout groups are shown</source>
        <translation>Lauf, dessen Rollout-Gruppen gezeigt werden</translation>
    </message>
    <message>
        <source>Training step</source>
        <translation>Trainingsschritt</translation>
    </message>
    <message>
        <source>no step</source>
        <translation>kein Schritt</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>Live folgen</translation>
    </message>
    <message>
        <source>Jump to each new step as the run writes it</source>
        <translation>Zu jedem neuen Schritt springen, sobald der Lauf ihn schreibt</translation>
    </message>
    <message>
        <source>Select a rollout to read its full completion</source>
        <translation>Ein Rollout auswählen, um die vollständige Vervollständigung zu lesen</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>Lauf:</translation>
    </message>
    <message>
        <source>Rollout groups</source>
        <translation>Rollout-Gruppen</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>read error</source>
        <translation>Lesefehler</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>Schritt %1 / %2</translation>
    </message>
    <message>
        <source>No rollouts stored for this step (rollout retention)</source>
        <translation>Für diesen Schritt sind keine Rollouts gespeichert (Rollout-Aufbewahrung)</translation>
    </message>
    <message>
        <source>Row colour = advantage used: %1 positive %2 0 %3 negative (scaled by the group&apos;s largest |advantage|). ⚠ in Correct: no correct rollout, yet a non-zero advantage.</source>
        <translation>Zeilenfarbe = verwendeter Vorteil: %1 positiv %2 0 %3 negativ (skaliert mit dem größten |Vorteil| der Gruppe). ⚠ in Richtig: kein richtiges Rollout, aber ein Vorteil ungleich null.</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RolloutTableModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Shapley credit of this rollout in the group&apos;s coverage game</source>
        <translation>Shapley-Anteil dieses Rollouts im Abdeckungsspiel der Gruppe</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>Vervollständigung</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Belohnung</translation>
    </message>
    <message>
        <source>GRPO advantage</source>
        <translation>GRPO-Vorteil</translation>
    </message>
    <message>
        <source>GCPO credit</source>
        <translation>GCPO-Anteil</translation>
    </message>
    <message>
        <source>Advantage used</source>
        <translation>Verwendeter Vorteil</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>The advantage the loss used (row colour: green positive, orange negative, stronger for larger magnitude)</source>
        <translation>Der Vorteil, den der Verlust verwendet hat (Zeilenfarbe: grün positiv, orange negativ, kräftiger bei größerem Betrag)</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunLauncher</name>
    <message>
        <source>A training process is already running.</source>
        <translation>Es läuft bereits ein Trainingsprozess.</translation>
    </message>
    <message>
        <source>Could not write the run configuration to a temporary file.</source>
        <translation>Die Laufkonfiguration konnte nicht in eine temporäre Datei geschrieben werden.</translation>
    </message>
    <message>
        <source>gcpo-train was not found next to the workbench or on PATH (set GCPO_TRAIN to its path).</source>
        <translation>gcpo-train wurde weder neben der Workbench noch im PATH gefunden (GCPO_TRAIN auf seinen Pfad setzen).</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Stop requested: the trainer finishes its current step and checkpoints.</source>
        <translation>Anhalten angefordert: der Trainer beendet seinen aktuellen Schritt und schreibt einen Checkpoint.</translation>
    </message>
    <message>
        <source>The trainer did not stop in time; killing it.</source>
        <translation>Der Trainer hat nicht rechtzeitig angehalten; er wird beendet.</translation>
    </message>
    <message>
        <source>The trainer was killed; the run shows as crashed and can be resumed from its last checkpoint.</source>
        <translation>Der Trainer wurde beendet; der Lauf wird als abgestürzt angezeigt und kann ab seinem letzten Checkpoint fortgesetzt werden.</translation>
    </message>
    <message>
        <source>The trainer crashed; the run shows as crashed and can be resumed from its last checkpoint.</source>
        <translation>Der Trainer ist abgestürzt; der Lauf wird als abgestürzt angezeigt und kann ab seinem letzten Checkpoint fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Training finished.</source>
        <translation>Training abgeschlossen.</translation>
    </message>
    <message>
        <source>Training stopped: the run is marked interrupted and can be resumed.</source>
        <translation>Training angehalten: der Lauf ist als unterbrochen markiert und kann fortgesetzt werden.</translation>
    </message>
    <message>
        <source>The trainer refused the configuration:
%1</source>
        <translation>Der Trainer hat die Konfiguration abgelehnt:
%1</translation>
    </message>
    <message>
        <source>Training failed (exit code %1):
%2</source>
        <translation>Training fehlgeschlagen (Exit-Code %1):
%2</translation>
    </message>
    <message>
        <source>Trainer process error: %1</source>
        <translation>Fehler des Trainerprozesses: %1</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunView</name>
    <message>
        <source>The view %1 has no plot to export</source>
        <translation>Die Ansicht %1 hat kein Diagramm zum Exportieren</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunsBrowser</name>
    <message>
        <source>Select one or more runs (Ctrl/Shift+click) to show them in the views</source>
        <translation>Einen oder mehrere Läufe auswählen (Strg/Umschalt+Klick), um sie in den Ansichten zu zeigen</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>Keine Datenbank geöffnet</translation>
    </message>
    <message>
        <source>Recent databases</source>
        <translation>Zuletzt geöffnete Datenbanken</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Resume run %1</source>
        <translation>Lauf %1 fortsetzen</translation>
    </message>
    <message>
        <source>Show stored log</source>
        <translation>Gespeichertes Protokoll zeigen</translation>
    </message>
    <message>
        <source>Search runs: name, algorithm, tag, notes, experiment…</source>
        <translation>Läufe durchsuchen: Name, Algorithmus, Tag, Notizen, Experiment…</translation>
    </message>
    <message>
        <source>Show stored config…</source>
        <translation>Gespeicherte Konfiguration zeigen…</translation>
    </message>
    <message>
        <source>New run from this config</source>
        <translation>Neuer Lauf mit dieser Konfiguration</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>Tags…</translation>
    </message>
    <message>
        <source>Notes…</source>
        <translation>Notizen…</translation>
    </message>
    <message>
        <source>Delete run %1…</source>
        <translation>Lauf %1 löschen…</translation>
    </message>
    <message>
        <source>Rename run %1</source>
        <translation>Lauf %1 umbenennen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>No database is open</source>
        <translation>Keine Datenbank geöffnet</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Tags of run %1</source>
        <translation>Tags von Lauf %1</translation>
    </message>
    <message>
        <source>Tags, separated by commas:</source>
        <translation>Tags, durch Kommas getrennt:</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Notes on run %1</source>
        <translation>Notizen zu Lauf %1</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message numerus="yes">
        <source>run %1 &quot;%2&quot; (%3, %n step(s) stored)</source>
        <translation>
            <numerusform>Lauf %1 „%2“ (%3, %n Schritt gespeichert)</numerusform>
            <numerusform>Lauf %1 „%2“ (%3, %n Schritte gespeichert)</numerusform>
        </translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>Lauf löschen</translation>
    </message>
    <message>
        <source>Delete %1 and everything it wrote (metrics, rollouts, evaluations, checkpoints beside the database, log, notes, tags)? This cannot be undone.</source>
        <translation>%1 und alles, was er geschrieben hat (Metriken, Rollouts, Evaluationen, Checkpoints neben der Datenbank, Protokoll, Notizen, Tags), löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Stored config</source>
        <translation>Gespeicherte Konfiguration</translation>
    </message>
    <message>
        <source>Stored config of run %1</source>
        <translation>Gespeicherte Konfiguration von Lauf %1</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>The full resolved config this run trained with:</source>
        <translation>Die vollständig aufgelöste Konfiguration, mit der dieser Lauf trainiert wurde:</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunsTableModel</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>abgestürzt</translation>
    </message>
    <message>
        <source>Run %1 &quot;%2&quot; (%3), seed %4</source>
        <translation>Lauf %1 „%2“ (%3), Seed %4</translation>
    </message>
    <message>
        <source>The trainer stopped sending heartbeats: it crashed or was killed. Resume continues from the last checkpoint.</source>
        <translation>Der Trainer sendet keine Lebenszeichen mehr: er ist abgestürzt oder wurde beendet. Fortsetzen beginnt beim letzten Checkpoint.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>Belohnung</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Abdeckung</translation>
    </message>
    <message>
        <source>pass@1</source>
        <translation>pass@1</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Dem System folgen</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>A new language applies the next time the workbench starts.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start der Workbench.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Farbschema:</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::TaskFamiliesEditor</name>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>Task family (gcpo-train tasks list describes each)</source>
        <translation>Aufgabenfamilie (gcpo-train tasks list beschreibt jede)</translation>
    </message>
    <message>
        <source>Relative share of the prompts (&gt; 0; normalised over the rows)</source>
        <translation>Relativer Anteil an den Prompts (&gt; 0; über die Zeilen normiert)</translation>
    </message>
    <message>
        <source>The family&apos;s options as a JSON object, e.g. {&quot;count&quot;: 4}; empty: the defaults</source>
        <translation>Die Optionen der Familie als JSON-Objekt, z. B. {&quot;count&quot;: 4}; leer: Standardwerte</translation>
    </message>
    <message>
        <source>Add family</source>
        <translation>Familie hinzufügen</translation>
    </message>
    <message>
        <source>Add a task family that is not in the mixture yet</source>
        <translation>Eine Aufgabenfamilie hinzufügen, die noch nicht in der Mischung ist</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected family from the mixture</source>
        <translation>Die ausgewählte Familie aus der Mischung entfernen</translation>
    </message>
    <message>
        <source>JSON Lines data sets (*.jsonl *.json);;All files (*)</source>
        <translation>JSON-Lines-Datensätze (*.jsonl *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Data set file</source>
        <translation>Datensatzdatei</translation>
    </message>
    <message>
        <source>JSONL file of the selected gsm8k or math family (options.path)</source>
        <translation>JSONL-Datei der ausgewählten Familie gsm8k oder math (options.path)</translation>
    </message>
    <message>
        <source>Test set file</source>
        <translation>Testset-Datei</translation>
    </message>
    <message>
        <source>Separate test JSONL file (options.test_path); empty: the records are split into train and test by a hash</source>
        <translation>Separate Test-JSONL-Datei (options.test_path); leer: Die Datensätze werden per Hash in Training und Test aufgeteilt</translation>
    </message>
    <message>
        <source>Data file:</source>
        <translation>Datendatei:</translation>
    </message>
    <message>
        <source>Test file:</source>
        <translation>Testdatei:</translation>
    </message>
    <message>
        <source>row %1 (%2): weight is not a number: &quot;%3&quot;</source>
        <translation>Zeile %1 (%2): Gewicht ist keine Zahl: „%3“</translation>
    </message>
    <message>
        <source>row %1 (%2): options are not a JSON object</source>
        <translation>Zeile %1 (%2): Optionen sind kein JSON-Objekt</translation>
    </message>
    <message>
        <source>row %1 (%2) needs its data set file (Data file: Browse…)</source>
        <translation>Zeile %1 (%2) benötigt ihre Datensatzdatei (Datendatei: Durchsuchen…)</translation>
    </message>
    <message>
        <source>only gsm8k and math read a data set file</source>
        <translation>nur gsm8k und math lesen eine Datensatzdatei</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::WhatIfStrip</name>
    <message>
        <source>cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>RBF</source>
        <translation>RBF</translation>
    </message>
    <message>
        <source>Kernel on the rollout embeddings</source>
        <translation>Kern auf den Rollout-Einbettungen</translation>
    </message>
    <message>
        <source>RBF width γ in exp(-γ‖a − b‖²)</source>
        <translation>RBF-Breite γ in exp(-γ‖a − b‖²)</translation>
    </message>
    <message>
        <source>Volume scale β in v(S) = log det(I + β L_S)</source>
        <translation>Volumenskala β in v(S) = log det(I + β L_S)</translation>
    </message>
    <message>
        <source>exact Shapley</source>
        <translation>exakter Shapley-Wert</translation>
    </message>
    <message>
        <source>permutation (Monte Carlo)</source>
        <translation>Permutation (Monte Carlo)</translation>
    </message>
    <message>
        <source>leave-one-out (approximation)</source>
        <translation>Leave-one-out (Näherung)</translation>
    </message>
    <message>
        <source>Orderings for the permutation estimator</source>
        <translation>Reihenfolgen für den Permutationsschätzer</translation>
    </message>
    <message>
        <source>w in A = (1 − w)·norm(credit) + w·norm(reward)</source>
        <translation>w in A = (1 − w)·norm(Anteil) + w·norm(Belohnung)</translation>
    </message>
    <message>
        <source>Reset to run</source>
        <translation>Auf Lauf zurücksetzen</translation>
    </message>
    <message>
        <source>Restore the settings the run trained with</source>
        <translation>Die Einstellungen wiederherstellen, mit denen der Lauf trainiert wurde</translation>
    </message>
    <message>
        <source>&lt;b&gt;What if&lt;/b&gt;</source>
        <translation>&lt;b&gt;Was wäre, wenn&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Kern</translation>
    </message>
    <message>
        <source>RBF γ</source>
        <translation>RBF γ</translation>
    </message>
    <message>
        <source>Volume scale β</source>
        <translation>Volumenskala β</translation>
    </message>
    <message>
        <source>Estimator</source>
        <translation>Schätzer</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Stichproben</translation>
    </message>
    <message>
        <source>Accuracy weight</source>
        <translation>Genauigkeitsgewicht</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>GCPO Workbench: configure, run and compare GCPO and GRPO training runs.</source>
        <translation>GCPO Workbench: GCPO- und GRPO-Trainingsläufe konfigurieren, ausführen und vergleichen.</translation>
    </message>
    <message>
        <source>Create the demo database (FILE, or gcpo-demo.sqlite in the user&apos;s data folder) and start the built-in experiment.</source>
        <translation>Die Demo-Datenbank anlegen (FILE oder gcpo-demo.sqlite im Datenordner des Benutzers) und das eingebaute Experiment starten.</translation>
    </message>
    <message>
        <source>RL steps per demo run (default: the demo&apos;s own).</source>
        <translation>RL-Schritte je Demo-Lauf (Standard: die der Demo).</translation>
    </message>
    <message>
        <source>Theme for this session: system, light or dark.</source>
        <translation>Farbschema für diese Sitzung: system, light oder dark.</translation>
    </message>
    <message>
        <source>Save each view as PNG in DIR, then quit.</source>
        <translation>Jede Ansicht als PNG in DIR speichern, dann beenden.</translation>
    </message>
    <message>
        <source>Seconds to wait before the screenshots (default 5).</source>
        <translation>Sekunden bis zu den Bildschirmfotos (Standard 5).</translation>
    </message>
    <message>
        <source>Run database to open.</source>
        <translation>Zu öffnende Laufdatenbank.</translation>
    </message>
    <message>
        <source>Run database to open (as gcpo-train&apos;s --db).</source>
        <translation>Zu öffnende Laufdatenbank (wie --db von gcpo-train).</translation>
    </message>
    <message>
        <source>Window size WIDTHxHEIGHT (e.g. 1280x800).</source>
        <translation>Fenstergröße WIDTHxHEIGHT (z. B. 1280x800).</translation>
    </message>
</context>
</TS>
