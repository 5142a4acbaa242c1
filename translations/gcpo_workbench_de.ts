<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>gcpo::ui::AboutDialog</name>
    <message>
        <source>About GCPO Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (gcpo-train not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gcpo-train %1, %2, BLAS: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (gcpo-train version --json gave no answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking gcpo-train…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;GCPO Workbench %1&lt;/h3&gt;&lt;p&gt;Reinforcement learning with verifiable rewards: GCPO (Shapley credit of embedding-space coverage) compared with GRPO and its variants.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QCustomPlot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run database schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence: GPL-3.0-or-later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::ConfigDiffModel</name>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::ConfigPanel</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GCPO (Shapley coverage credit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GRPO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dr. GRPO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DAPO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GRPO + entropy bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GRPO + diversity bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply a built-in preset: sets the algorithm and its settings, keeps the other groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a run configuration from a JSON file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this configuration as a JSON file (usable with gcpo-train run --config)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start gcpo-train with this configuration in the open database (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated integers, e.g. 1, 2, 4, 8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a number: &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an integer: &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a run config must be a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown preset %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read preset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset %1 is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Load run configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save run configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::CurvesView</name>
    <message>
        <source>Metric to plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollouts consumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Horizontal axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debiased exponential moving average weight (0: raw series only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (raw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) drawn, all stored points (no downsampling)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gcpo::ui::EvalSampleModel</name>
    <message>
        <source>(no answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::GroupTableModel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GCPO team reward: log det(I + beta L) of the reward-weighted kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All rewards equal: GRPO gets no signal from this group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward std</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero variance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::LogPanel</name>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the log panel (the run database keeps its own log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the log panel&apos;s text to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>── last %n log line(s) of run %1 (%2) ──</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the log of run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::MainWindow</name>
    <message>
        <source>GCPO Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – GCPO Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting gcpo-train…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a run database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an empty run database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start gcpo-train with the configuration panel&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop gracefully: finish the step, checkpoint, mark the run interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume the selected interrupted or crashed run from its last checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the &amp;Demo Experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SFT warm-up, then GRPO and GCPO from the same checkpoint, in the open database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Plot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the active view&apos;s plot as PNG, PDF, SVG or its data as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language and theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About GCPO Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions of Qt, LibTorch and the database schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit the workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gcpo-train is still training. Stop it (it checkpoints, and the run can be resumed later) and quit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a GCPO run database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is already training in this database; following it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting a run in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping: finishing the step and checkpointing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SFT warm-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v / %m  (ETA %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – run %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open run database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run databases (*.sqlite *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New run database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run databases (*.sqlite *.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;SVG vector image (*.svg);;CSV data, full resolution (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::MetricCatalog</name>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diversity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lengths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass@1 (eval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass@k (eval: k = 1, 2, 4, 8, 16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass@8 (eval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct correct answers (eval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solution-space coverage (eval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendi score (eval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean pairwise distance (eval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct correct answers (training)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward standard deviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero-variance groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL to reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entropy (training and eval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip ratios</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion length (training and eval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clipped completions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step-time breakdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollouts consumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::PlotExport</name>
    <message>
        <source>Unknown export format for %1 (use .png, .pdf, .svg or .csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No plot to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RolloutTableModel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shapley credit of this rollout in the group&apos;s coverage game</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The advantage the loss used (row colour: blue negative, red positive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GRPO advantage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GCPO credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advantage used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunLauncher</name>
    <message>
        <source>A training process is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the run configuration to a temporary file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gcpo-train was not found next to the workbench or on PATH (set GCPO_TRAIN to its path).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop requested: the trainer finishes its current step and checkpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trainer did not stop in time; killing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trainer was killed; the run shows as crashed and can be resumed from its last checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trainer crashed; the run shows as crashed and can be resumed from its last checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped: the run is marked interrupted and can be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trainer refused the configuration:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed (exit code %1):
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainer process error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunView</name>
    <message>
        <source>The view %1 has no plot to export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunsBrowser</name>
    <message>
        <source>Select one or more runs (Ctrl/Shift+click) to show them in the views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No database open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent databases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show stored log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunsTableModel</name>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 &quot;%2&quot; (%3), seed %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trainer stopped sending heartbeats: it crashed or was killed. Resume continues from the last checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass@1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcpo::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies the next time the workbench starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>GCPO Workbench: configure, run and compare GCPO and GRPO training runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the demo database (FILE, or gcpo-demo.sqlite in the user&apos;s data folder) and start the built-in experiment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RL steps per demo run (default: the demo&apos;s own).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme for this session: system, light or dark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save each view as PNG in DIR, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait before the screenshots (default 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run database to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
