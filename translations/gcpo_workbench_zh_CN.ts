<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConfigField</name>
    <message>
        <source>Run name</source>
        <translation>运行名称</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Task families</source>
        <translation>任务族</translation>
    </message>
    <message>
        <source>Format reward</source>
        <translation>格式奖励</translation>
    </message>
    <message>
        <source>Initial policy</source>
        <translation>初始策略</translation>
    </message>
    <message>
        <source>SFT config</source>
        <translation>SFT 配置</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Prompts per step (B)</source>
        <translation>每步提示数 (B)</translation>
    </message>
    <message>
        <source>Group size (G)</source>
        <translation>组大小 (G)</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
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
        <translation>最大新 token 数</translation>
    </message>
    <message>
        <source>Inner epochs (μ)</source>
        <translation>内部轮数 (μ)</translation>
    </message>
    <message>
        <source>Clip ε low</source>
        <translation>裁剪 ε 下限</translation>
    </message>
    <message>
        <source>Clip ε high</source>
        <translation>裁剪 ε 上限</translation>
    </message>
    <message>
        <source>Loss aggregation</source>
        <translation>损失聚合方式</translation>
    </message>
    <message>
        <source>KL coefficient (β)</source>
        <translation>KL 系数 (β)</translation>
    </message>
    <message>
        <source>KL estimator</source>
        <translation>KL 估计器</translation>
    </message>
    <message>
        <source>Entropy bonus</source>
        <translation>熵奖励</translation>
    </message>
    <message>
        <source>Scale by std</source>
        <translation>按标准差缩放</translation>
    </message>
    <message>
        <source>Filter zero-variance groups</source>
        <translation>过滤零方差分组</translation>
    </message>
    <message>
        <source>Diversity bonus</source>
        <translation>多样性奖励</translation>
    </message>
    <message>
        <source>Embedding backend</source>
        <translation>嵌入后端</translation>
    </message>
    <message>
        <source>n-gram hash size</source>
        <translation>n-gram 哈希维度</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>核函数</translation>
    </message>
    <message>
        <source>RBF γ</source>
        <translation>RBF γ</translation>
    </message>
    <message>
        <source>Volume scale (β)</source>
        <translation>体积缩放 (β)</translation>
    </message>
    <message>
        <source>Credit estimator</source>
        <translation>信用估计器</translation>
    </message>
    <message>
        <source>Permutation samples</source>
        <translation>排列采样数</translation>
    </message>
    <message>
        <source>Coverage for every algorithm</source>
        <translation>为所有算法计算覆盖度</translation>
    </message>
    <message>
        <source>Accuracy weight (w)</source>
        <translation>准确率权重 (w)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
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
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>LR schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Micro-batch</source>
        <translation>微批大小</translation>
    </message>
    <message>
        <source>Evaluate every</source>
        <translation>评估间隔</translation>
    </message>
    <message>
        <source>Eval prompts</source>
        <translation>评估提示数</translation>
    </message>
    <message>
        <source>Samples per prompt (n)</source>
        <translation>每个提示的样本数 (n)</translation>
    </message>
    <message>
        <source>pass@k values</source>
        <translation>pass@k 取值</translation>
    </message>
    <message>
        <source>Eval temperature</source>
        <translation>评估温度</translation>
    </message>
    <message>
        <source>Store rollouts</source>
        <translation>保存 rollout</translation>
    </message>
    <message>
        <source>Rollouts every N</source>
        <translation>每 N 步保存 rollout</translation>
    </message>
    <message>
        <source>Checkpoint every</source>
        <translation>检查点间隔</translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation>保留的检查点数</translation>
    </message>
    <message>
        <source>Game reward</source>
        <translation>博弈奖励</translation>
    </message>
    <message>
        <source>Hugging Face folder</source>
        <translation>Hugging Face 文件夹</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Chat format</source>
        <translation>对话格式</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Gradient checkpointing</source>
        <translation>梯度检查点</translation>
    </message>
    <message>
        <source>Embedding layer</source>
        <translation>嵌入层</translation>
    </message>
    <message>
        <source>Distributed backend</source>
        <translation>分布式后端</translation>
    </message>
    <message>
        <source>Distributed timeout (s)</source>
        <translation>分布式超时（秒）</translation>
    </message>
    <message>
        <source>Replica check every</source>
        <translation>副本检查间隔</translation>
    </message>
</context>
<context>
    <name>gcpo::ui</name>
    <message>
        <source>k (samples per prompt, log scale)</source>
        <translation>k（每个提示的样本数，对数刻度）</translation>
    </message>
    <message>
        <source>pass@k (fraction of prompts)</source>
        <translation>pass@k（提示比例）</translation>
    </message>
    <message>
        <source>%1 pass@%2 per prompt (mean over seeds)</source>
        <translation>%1 每个提示的 pass@%2（各种子均值）</translation>
    </message>
    <message>
        <source>%1 pass@%2</source>
        <translation>%1 pass@%2</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>%1 better (%2)</source>
        <translation>%1 更好（%2）</translation>
    </message>
    <message>
        <source>equal (%1)</source>
        <translation>相同（%1）</translation>
    </message>
    <message>
        <source>Entropy (nats per token)</source>
        <translation>熵（每 token nats）</translation>
    </message>
    <message>
        <source>Well-formatted (fraction)</source>
        <translation>格式正确（比例）</translation>
    </message>
    <message>
        <source>Mean length (tokens)</source>
        <translation>平均长度（token）</translation>
    </message>
    <message>
        <source>Reward (mean)</source>
        <translation>奖励（均值）</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::AboutDialog</name>
    <message>
        <source>About GCPO Workbench</source>
        <translation>关于 GCPO Workbench</translation>
    </message>
    <message>
        <source>unknown (gcpo-train not found)</source>
        <translation>未知（未找到 gcpo-train）</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>未知（%1）</translation>
    </message>
    <message>
        <source>gcpo-train %1, %2, BLAS: %3</source>
        <translation>gcpo-train %1，%2，BLAS：%3</translation>
    </message>
    <message>
        <source>CUDA available</source>
        <translation>CUDA 可用</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <source>unknown (gcpo-train version --json gave no answer)</source>
        <translation>未知（gcpo-train version --json 没有应答）</translation>
    </message>
    <message>
        <source>asking gcpo-train…</source>
        <translation>正在询问 gcpo-train…</translation>
    </message>
    <message>
        <source>&lt;h3&gt;GCPO Workbench %1&lt;/h3&gt;&lt;p&gt;Reinforcement learning with verifiable rewards: GCPO (Shapley credit of embedding-space coverage) compared with GRPO and its variants.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GCPO Workbench %1&lt;/h3&gt;&lt;p&gt;可验证奖励的强化学习：GCPO（嵌入空间覆盖度的 Shapley 信用分配）与 GRPO 及其变体的对比。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1（使用 %2 构建）</translation>
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
        <translation>运行数据库架构版本</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>训练程序</translation>
    </message>
    <message>
        <source>Licence: GPL-3.0-or-later.</source>
        <translation>许可证：GPL-3.0-or-later。</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::ArmCurves</name>
    <message>
        <source>Also draw every run of each arm as a thin line</source>
        <translation>同时将每个组别的各次运行绘制为细线</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>%1 seed %2</source>
        <translation>%1 种子 %2</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>%1 (n = %2)</source>
        <translation>%1（n = %2）</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::CompareView</name>
    <message>
        <source>Settings that differ</source>
        <translation>不同的设置</translation>
    </message>
    <message>
        <source>Eval step:</source>
        <translation>评估步：</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>No evaluation samples stored for this step and prompt</source>
        <translation>此步骤和提示没有保存评估样本</translation>
    </message>
    <message>
        <source>Prompt %1: %2</source>
        <translation>提示 %1：%2</translation>
    </message>
    <message>
        <source>Unknown report format &quot;%1&quot; (use .pdf or .html): %2</source>
        <translation>未知的报告格式“%1”（请使用 .pdf 或 .html）：%2</translation>
    </message>
    <message>
        <source>Nothing to export: select the runs to compare first</source>
        <translation>没有可导出的内容：请先选择要对比的运行</translation>
    </message>
    <message>
        <source>Curves: seed mean and 95 % band (%1)</source>
        <translation>曲线：种子均值及 95% 区间带（%1）</translation>
    </message>
    <message>
        <source>pass@k against k</source>
        <translation>pass@k 随 k 的变化</translation>
    </message>
    <message>
        <source>Per-prompt pass@%1</source>
        <translation>每个提示的 pass@%1</translation>
    </message>
    <message>
        <source>GCPO Workbench comparison</source>
        <translation>GCPO Workbench 对比</translation>
    </message>
    <message>
        <source>Database %1, exported %2. Arm intervals: 95 % Student t over seeds; differences paired by seed with a paired bootstrap 95 % interval and a sign-flip permutation p-value (as gcpo-train report).</source>
        <translation>数据库 %1，导出于 %2。各组别区间：基于种子的 95% Student t 区间；差值按种子配对，给出配对 bootstrap 95% 区间和符号翻转置换检验 p 值（与 gcpo-train report 相同）。</translation>
    </message>
    <message>
        <source>Final metrics</source>
        <translation>最终指标</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Baseline arm: the differences are treatment − baseline</source>
        <translation>基线组：差值 = 实验组 − 基线组</translation>
    </message>
    <message>
        <source>Treatment arm</source>
        <translation>实验组</translation>
    </message>
    <message>
        <source>Evaluation step present in every compared run (the table, pass@k and samples use it)</source>
        <translation>所有对比运行中都存在的评估步（表格、pass@k 和样本均使用该步）</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>The summary (table and plots) as one PDF or one self-contained HTML file</source>
        <translation>将摘要（表格和图表）导出为单个 PDF 或单个自包含 HTML 文件</translation>
    </message>
    <message>
        <source>Baseline:</source>
        <translation>基线组：</translation>
    </message>
    <message>
        <source>Treatment:</source>
        <translation>实验组：</translation>
    </message>
    <message>
        <source>Select runs to compare (runs are grouped by algorithm, one per seed)</source>
        <translation>选择要对比的运行（运行按算法分组，每个种子一个）</translation>
    </message>
    <message>
        <source>Mean ± half-width of the 95 % t interval over seeds; the difference column is paired by seed (bootstrap interval and sign-flip p-value)</source>
        <translation>均值 ± 基于种子的 95% t 区间半宽；差值列按种子配对（bootstrap 区间和符号翻转 p 值）</translation>
    </message>
    <message>
        <source>k = </source>
        <translation>k = </translation>
    </message>
    <message>
        <source>k of the per-prompt pass@k</source>
        <translation>每个提示的 pass@k 中的 k</translation>
    </message>
    <message>
        <source>Per prompt</source>
        <translation>按提示</translation>
    </message>
    <message>
        <source>Curves: seed mean and 95 % band</source>
        <translation>曲线：种子均值及 95% 区间带</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Export comparison report</source>
        <translation>导出对比报告</translation>
    </message>
    <message>
        <source>PDF document (*.pdf);;Self-contained HTML (*.html)</source>
        <translation>PDF 文档 (*.pdf);;自包含 HTML (*.html)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not read the runs: %1</source>
        <translation>无法读取运行：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n seed(s))</source>
        <translation>
            <numerusform>%1（%n 个种子）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at eval step %2</source>
        <translation>%1，评估步 %2</translation>
    </message>
    <message>
        <source> vs </source>
        <translation> vs </translation>
    </message>
    <message>
        <source>%1 − %2</source>
        <translation>%1 − %2</translation>
    </message>
    <message>
        <source>No difference whose 95 % interval excludes 0.</source>
        <translation>没有 95% 区间不含 0 的差值。</translation>
    </message>
    <message>
        <source>Intervals excluding 0: %1.</source>
        <translation>不含 0 的区间：%1。</translation>
    </message>
    <message>
        <source>All prompts</source>
        <translation>所有提示</translation>
    </message>
    <message>
        <source>%1 solved, %2 not</source>
        <translation>%1 解出，%2 未解出</translation>
    </message>
    <message>
        <source>Both solved</source>
        <translation>两者均解出</translation>
    </message>
    <message>
        <source>Neither solved</source>
        <translation>两者均未解出</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 · seed %2</source>
        <translation>%1 · 种子 %2</translation>
    </message>
    <message>
        <source>%1: %2/%3 correct, %4 distinct</source>
        <translation>%1：%2/%3 正确，%4 个不同</translation>
    </message>
    <message>
        <source>Select runs with evaluations to see their samples</source>
        <translation>选择含评估结果的运行以查看其样本</translation>
    </message>
    <message>
        <source>✓ correct, ✗ wrong, ★ first sample of a distinct correct answer. </source>
        <translation>✓ 正确，✗ 错误，★ 每个不同正确答案的首个样本。 </translation>
    </message>
    <message>
        <source>Prompt %1: %2
x %3, y %4%5</source>
        <translation>提示 %1：%2
x %3，y %4%5</translation>
    </message>
    <message>
        <source>
%1 prompts at this point</source>
        <translation>
此处有 %1 个提示</translation>
    </message>
    <message numerus="yes">
        <source>Intervals excluding 0: %1; and %n more (coloured in the table).</source>
        <translation>
            <numerusform>不含 0 的区间：%1；另有 %n 个（已在表格中着色）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gcpo::ui::ConfigDiffModel</name>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::ConfigPanel</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>GCPO (Shapley coverage credit)</source>
        <translation>GCPO（覆盖度的 Shapley 信用）</translation>
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
        <translation>GRPO + 熵奖励</translation>
    </message>
    <message>
        <source>GRPO + diversity bonus</source>
        <translation>GRPO + 多样性奖励</translation>
    </message>
    <message>
        <source>Demo experiment</source>
        <translation>演示实验</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>加载…</translation>
    </message>
    <message>
        <source>Load a run configuration from a JSON file</source>
        <translation>从 JSON 文件加载运行配置</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save this configuration as a JSON file (usable with gcpo-train run --config)</source>
        <translation>将此配置保存为 JSON 文件（可用于 gcpo-train run --config）</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Start gcpo-train with this configuration in the open database (Ctrl+R)</source>
        <translation>使用此配置在已打开的数据库中启动 gcpo-train（Ctrl+R）</translation>
    </message>
    <message>
        <source>comma-separated integers, e.g. 1, 2, 4, 8</source>
        <translation>逗号分隔的整数，例如 1, 2, 4, 8</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>not a number: &quot;%1&quot;</source>
        <translation>不是数字：“%1”</translation>
    </message>
    <message>
        <source>not an integer: &quot;%1&quot;</source>
        <translation>不是整数：“%1”</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>不是有效的 JSON</translation>
    </message>
    <message>
        <source>a run config must be a JSON object</source>
        <translation>运行配置必须是 JSON 对象</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Unknown preset %1</source>
        <translation>未知预设 %1</translation>
    </message>
    <message>
        <source>Cannot read preset %1: %2</source>
        <translation>无法读取预设 %1：%2</translation>
    </message>
    <message>
        <source>Preset %1 is not valid JSON: %2</source>
        <translation>预设 %1 不是有效的 JSON：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): %1</source>
        <translation>
            <numerusform>%n 个问题：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Load run configuration</source>
        <translation>加载运行配置</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save run configuration</source>
        <translation>保存运行配置</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>SFT configs (*.json);;All files (*)</source>
        <translation>SFT 配置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Apply a built-in preset: the whole form is reset to the preset (defaults elsewhere)</source>
        <translation>应用内置预设：整个表单将重置为该预设（其余项恢复默认值）</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Open or create a run database</source>
        <translation>打开或创建运行数据库</translation>
    </message>
    <message>
        <source>Run databases (*.sqlite *.db);;All files (*)</source>
        <translation>运行数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>none: choose an existing file or name a new one</source>
        <translation>无：选择已有文件或输入新文件名</translation>
    </message>
    <message>
        <source>The run database the run is written to; a new file name creates an empty database</source>
        <translation>运行所写入的运行数据库；输入新文件名将创建空数据库</translation>
    </message>
    <message>
        <source>A run is training: one at a time from this window</source>
        <translation>已有运行在训练：此窗口一次只能运行一个</translation>
    </message>
    <message>
        <source>Choose a run database first (Database: Browse…, or File &gt; Open / New)</source>
        <translation>请先选择运行数据库（数据库：浏览…，或 文件 &gt; 打开 / 新建）</translation>
    </message>
    <message>
        <source>Fix the problems shown in red first</source>
        <translation>请先修正红色标出的问题</translation>
    </message>
    <message>
        <source>Start gcpo-train with this configuration in %1 (Ctrl+R)</source>
        <translation>使用此配置在 %1 中启动 gcpo-train（Ctrl+R）</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::CoverageData</name>
    <message>
        <source>no stored embeddings for this group (rollout retention or embedding backend)</source>
        <translation>此分组没有保存的嵌入（因 rollout 保留策略或嵌入后端）</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::CoverageView</name>
    <message>
        <source>All groups of the step</source>
        <translation>该步的所有分组</translation>
    </message>
    <message>
        <source>No group selected</source>
        <translation>未选择分组</translation>
    </message>
    <message>
        <source>rollout</source>
        <translation>rollout</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>核</translation>
    </message>
    <message>
        <source>Embedding coverage</source>
        <translation>嵌入覆盖度</translation>
    </message>
    <message>
        <source>Could not read the group: %1</source>
        <translation>无法读取分组：%1</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Also draw the other groups&apos; rollouts of this step (grey; PCA only)</source>
        <translation>同时绘制该步其他分组的 rollout（灰色；仅 PCA）</translation>
    </message>
    <message>
        <source>PCA (one frame per run)</source>
        <translation>PCA（每个运行一个坐标系）</translation>
    </message>
    <message>
        <source>MDS of kernel distances (this group)</source>
        <translation>核距离的 MDS（本分组）</translation>
    </message>
    <message>
        <source>PCA keeps frames aligned across steps; classical MDS of d² = K_ii + K_jj − 2K_ij keeps more of the group&apos;s own geometry</source>
        <translation>PCA 使坐标系在各步之间保持对齐；基于 d² = K_ii + K_jj − 2K_ij 的经典 MDS 能更多地保留该分组自身的几何结构</translation>
    </message>
    <message>
        <source>rollouts added in decreasing credit order</source>
        <translation>按信用降序加入的 rollout</translation>
    </message>
    <message>
        <source>Projection:</source>
        <translation>投影：</translation>
    </message>
    <message>
        <source>Run %1, step %2, group %3: %4</source>
        <translation>运行 %1，第 %2 步，分组 %3：%4</translation>
    </message>
    <message>
        <source>&lt;b&gt;Run %1, step %2, group %3&lt;/b&gt;: team coverage %4 nats (%5 kernel, β = %6); %7 rollouts, %8 distinct embeddings</source>
        <translation>&lt;b&gt;运行 %1，第 %2 步，分组 %3&lt;/b&gt;：团队覆盖度 %4 nats（%5 核，β = %6）；%7 个 rollout，%8 个不同的嵌入</translation>
    </message>
    <message>
        <source>correct (size ∝ credit)</source>
        <translation>正确（大小 ∝ 信用）</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>×n: n rollouts with the same embedding</source>
        <translation>×n：n 个嵌入相同的 rollout</translation>
    </message>
    <message>
        <source>other groups of the step</source>
        <translation>该步的其他分组</translation>
    </message>
    <message>
        <source>PC %1 (%2 % of variance)</source>
        <translation>PC %1（占方差 %2%）</translation>
    </message>
    <message>
        <source>MDS %1 (%2 % of the kernel&apos;s variance)</source>
        <translation>MDS %1（占核方差 %2%）</translation>
    </message>
    <message>
        <source>stored team coverage</source>
        <translation>已存储的团队覆盖度</translation>
    </message>
    <message>
        <source>rollout # added, in decreasing credit order</source>
        <translation>加入的 rollout 编号（按信用降序）</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Rollout(s) %1 (%2), answer %3, credit %4

%5</source>
        <translation>rollout %1（%2），答案 %3，信用 %4

%5</translation>
    </message>
    <message>
        <source>rollout (colour: kernel K(i, j))</source>
        <translation>rollout（颜色：核 K(i, j)）</translation>
    </message>
    <message>
        <source>v(S) (nats)</source>
        <translation>v(S)（nats）</translation>
    </message>
    <message>
        <source>Step: team coverage of each run</source>
        <translation>步：各运行的团队覆盖度</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>nats</translation>
    </message>
    <message>
        <source>gain, correct rollout</source>
        <translation>增益，正确 rollout</translation>
    </message>
    <message>
        <source>gain, wrong rollout</source>
        <translation>增益，错误 rollout</translation>
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
        <translation>rollout</translation>
    </message>
    <message>
        <source>credit / advantage</source>
        <translation>信用 / 优势</translation>
    </message>
    <message>
        <source>GCPO credit (stored)</source>
        <translation>GCPO 信用（已存储）</translation>
    </message>
    <message>
        <source>GRPO advantage (stored)</source>
        <translation>GRPO 优势（已存储）</translation>
    </message>
    <message>
        <source>credit (what if)</source>
        <translation>信用（假设分析）</translation>
    </message>
    <message>
        <source>GCPO advantage (what if)</source>
        <translation>GCPO 优势（假设分析）</translation>
    </message>
    <message>
        <source>No group selected</source>
        <translation>未选择分组</translation>
    </message>
    <message>
        <source>Marginal contributions</source>
        <translation>边际贡献</translation>
    </message>
    <message>
        <source>Could not read the group: %1</source>
        <translation>无法读取分组：%1</translation>
    </message>
    <message>
        <source>no stored embeddings for this group</source>
        <translation>此分组没有保存的嵌入</translation>
    </message>
    <message>
        <source>No rollouts stored for this step</source>
        <translation>此步没有保存 rollout</translation>
    </message>
    <message>
        <source>Stored: Σ credit = %1, team coverage = %2 (difference %3)</source>
        <translation>已存储：Σ 信用 = %1，团队覆盖度 = %2（差值 %3）</translation>
    </message>
    <message>
        <source>What if (%1 kernel, β = %2, %3): team coverage = %4, Σ credit = %5%6</source>
        <translation>假设（%1 核，β = %2，%3）：团队覆盖度 = %4，Σ 信用 = %5%6</translation>
    </message>
    <message numerus="yes">
        <source>, %n jitter event(s)</source>
        <translation>
            <numerusform>，%n 次抖动修正</numerusform>
        </translation>
    </message>
    <message>
        <source>What if: %1</source>
        <translation>假设分析：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Run %1 (%2, %3), step %4, group %5&lt;/b&gt;: %6</source>
        <translation>&lt;b&gt;运行 %1（%2，%3），第 %4 步，分组 %5&lt;/b&gt;：%6</translation>
    </message>
    <message>
        <source>⚠ No rollout of this group is correct, yet the advantage used is non-zero (largest |A| = %1): the rewards differ only by the format reward, and the loss still moves the policy on it.</source>
        <translation>⚠ 该分组没有正确的 rollout，但实际使用的优势不为零（最大 |A| = %1）：奖励仅在格式奖励上有差异，损失仍会据此更新策略。</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::CurvesView</name>
    <message>
        <source>Metric to plot</source>
        <translation>要绘制的指标</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>实际时间</translation>
    </message>
    <message>
        <source>Rollouts consumed</source>
        <translation>已用 rollout 数</translation>
    </message>
    <message>
        <source>Horizontal axis</source>
        <translation>横轴</translation>
    </message>
    <message>
        <source>Debiased exponential moving average weight (0: raw series only)</source>
        <translation>去偏指数移动平均权重（0：仅原始序列）</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>X 轴：</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Other: %1</source>
        <translation>其他：%1</translation>
    </message>
    <message>
        <source> (raw)</source>
        <translation>（原始）</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>实际时间（秒）</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) drawn, all stored points (no downsampling)</source>
        <translation>
            <numerusform>已绘制 %n 个点，即全部已存储的点（未降采样）</numerusform>
        </translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>对数 y</translation>
    </message>
    <message>
        <source>Logarithmic y axis (points at or below zero are not drawn)</source>
        <translation>对数 y 轴（不绘制小于或等于零的点）</translation>
    </message>
    <message>
        <source>; evaluation series are never smoothed</source>
        <translation>；评估序列从不平滑</translation>
    </message>
    <message>
        <source> (smoothed %1)</source>
        <translation>（平滑 %1）</translation>
    </message>
    <message>
        <source>%1 (all runs, by shade)</source>
        <translation>%1（所有运行，按色调区分）</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::DashboardView</name>
    <message>
        <source>Add panel</source>
        <translation>添加面板</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Distribution over time</source>
        <translation>随时间的分布</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>Back to the default panels</source>
        <translation>恢复默认面板</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>实际时间</translation>
    </message>
    <message>
        <source>Rollouts consumed</source>
        <translation>已用 rollout 数</translation>
    </message>
    <message>
        <source>EMA weight for dense training series (evaluation series are always drawn raw)</source>
        <translation>密集训练序列的 EMA 权重（评估序列始终绘制原始值）</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>列数：</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>X 轴：</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Remove this panel</source>
        <translation>移除此面板</translation>
    </message>
    <message>
        <source>Panels per row (fewer while the view is too narrow to show them legibly)</source>
        <translation>每行面板数（视图过窄、无法清晰显示时会减少）</translation>
    </message>
    <message>
        <source>The runs shown in every panel. Hover a curve for each run&apos;s value at that step.</source>
        <translation>每个面板中显示的运行。将鼠标悬停在曲线上可查看各运行在该步的值。</translation>
    </message>
    <message>
        <source>(colours repeat every 10 runs)</source>
        <translation>（颜色每 10 个运行重复一次）</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::DemoSummaryDialog</name>
    <message>
        <source>What this demo shows</source>
        <translation>本演示展示了什么</translation>
    </message>
    <message>
        <source>The demo summary (%1) could not be read.</source>
        <translation>无法读取演示摘要（%1）。</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::DistributionPlot</name>
    <message>
        <source>Advantage used (distribution)</source>
        <translation>实际使用的优势（分布）</translation>
    </message>
    <message>
        <source>GCPO credit (distribution)</source>
        <translation>GCPO 信用（分布）</translation>
    </message>
    <message>
        <source>GRPO advantage (distribution)</source>
        <translation>GRPO 优势（分布）</translation>
    </message>
    <message>
        <source>Reward (distribution)</source>
        <translation>奖励（分布）</translation>
    </message>
    <message>
        <source>Completion length (distribution)</source>
        <translation>补全长度（分布）</translation>
    </message>
    <message>
        <source>Per-rollout quantity whose distribution over each step is drawn</source>
        <translation>按 rollout 计算的量，绘制其在每一步的分布</translation>
    </message>
    <message>
        <source>Run whose rollouts are read</source>
        <translation>读取其 rollout 的运行</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Could not read the rollouts: %1</source>
        <translation>无法读取 rollout：%1</translation>
    </message>
    <message>
        <source>Every %1th stored step is shown (the run has more than %2)</source>
        <translation>每 %1 个已存储的步显示一个（该运行超过 %2 步）</translation>
    </message>
    <message>
        <source>5–95 %</source>
        <translation>5–95%</translation>
    </message>
    <message>
        <source>25–75 %</source>
        <translation>25–75%</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>%1 (tokens)</source>
        <translation>%1（token）</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::EvalSampleModel</name>
    <message>
        <source>(no answer)</source>
        <translation>（无答案）</translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation>样本 %1</translation>
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
            <numerusform>基于两个组别中都有的 %n 个种子的配对差值：均值、配对 bootstrap 95% 区间和符号翻转置换检验 p 值（与 gcpo-train report 相同）。仅在区间不含 0 时着色。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %2: mean %3 over %n seed(s), std %4, 95 % interval [%5, %6]</source>
        <translation>
            <numerusform>%1，%2：%n 个种子的均值 %3，标准差 %4，95% 区间 [%5, %6]</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (n = %2)</source>
        <translation>%1（n = %2）</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::GroupTableModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>GCPO team reward: log det(I + beta L) of the reward-weighted kernel</source>
        <translation>GCPO 团队奖励：奖励加权核的 log det(I + beta L)</translation>
    </message>
    <message>
        <source>All rewards equal: GRPO gets no signal from this group</source>
        <translation>所有奖励相同：GRPO 从该分组得不到信号</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>任务族</translation>
    </message>
    <message>
        <source>Reward mean</source>
        <translation>奖励均值</translation>
    </message>
    <message>
        <source>Reward std</source>
        <translation>奖励标准差</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Team coverage</source>
        <translation>团队覆盖度</translation>
    </message>
    <message>
        <source>Zero variance</source>
        <translation>零方差</translation>
    </message>
    <message>
        <source>No rollout is correct, yet the advantages are not all zero: the rewards differ only by the format reward, and GCPO&apos;s credit of that reward moves the policy</source>
        <translation>没有正确的 rollout，但优势并非全为零：奖励仅在格式奖励上有差异，GCPO 对该奖励分配的信用仍会更新策略</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::HfModelBox</name>
    <message>
        <source>Built-in (character-level)</source>
        <translation>内置（字符级）</translation>
    </message>
    <message>
        <source>Hugging Face folder</source>
        <translation>Hugging Face 文件夹</translation>
    </message>
    <message>
        <source>Train the built-in character-level model, or a Hugging Face model folder (config.json, model.safetensors, tokenizer.json) such as Qwen2.5-0.5B-Instruct</source>
        <translation>训练内置的字符级模型，或 Hugging Face 模型文件夹（config.json、model.safetensors、tokenizer.json）中的模型，例如 Qwen2.5-0.5B-Instruct</translation>
    </message>
    <message>
        <source>Hugging Face model folder</source>
        <translation>Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a Hugging Face model folder</source>
        <translation>选择 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <source>Model source</source>
        <translation>模型来源</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Choose a model folder.</source>
        <translation>请选择模型文件夹。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 layers, hidden size %3, %4 heads / %5 KV heads, vocabulary %6%7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 层，隐藏维度 %3，%4 个注意力头 / %5 个 KV 头，词表 %6%7</translation>
    </message>
    <message>
        <source> (tied embeddings)</source>
        <translation>（共享嵌入权重）</translation>
    </message>
    <message>
        <source>%1 parameters (%2 B)</source>
        <translation>%1 个参数（%2 B）</translation>
    </message>
    <message>
        <source>%1: %2 GiB weights, gradients, AdamW%3 + about %4 GiB activations = %5 GiB</source>
        <translation>%1：%2 GiB 权重、梯度、AdamW%3 + 约 %4 GiB 激活值 = %5 GiB</translation>
    </message>
    <message>
        <source>, reference</source>
        <translation>、参考模型</translation>
    </message>
    <message>
        <source>&lt;small&gt;Activations estimated for %1 sequences × %2 tokens per forward (a prompt of about %3 tokens assumed); not measured.&lt;/small&gt;</source>
        <translation>&lt;small&gt;激活值按每次前向 %1 条序列 × %2 个 token 估算（假设提示约 %3 个 token）；非实测值。&lt;/small&gt;</translation>
    </message>
    <message>
        <source>tokenizer.json is missing</source>
        <translation>缺少 tokenizer.json</translation>
    </message>
    <message>
        <source>no model.safetensors or model.safetensors.index.json (config.json only)</source>
        <translation>没有 model.safetensors 或 model.safetensors.index.json（仅有 config.json）</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::LogPanel</name>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clear the log panel (the run database keeps its own log)</source>
        <translation>清空日志面板（运行数据库保留自己的日志）</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the log panel&apos;s text to a file</source>
        <translation>将日志面板的文本保存到文件</translation>
    </message>
    <message numerus="yes">
        <source>── last %n log line(s) of run %1 (%2) ──</source>
        <translation>
            <numerusform>── 运行 %1（%2）的最后 %n 行日志 ──</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the log of run %1: %2</source>
        <translation>无法读取运行 %1 的日志：%2</translation>
    </message>
    <message>
        <source>Save log</source>
        <translation>保存日志</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>日志文件 (*.log *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
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
        <translation>空闲</translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation>无法打开数据库</translation>
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
        <translation>无法开始训练</translation>
    </message>
    <message>
        <source>Starting gcpo-train…</source>
        <translation>正在启动 gcpo-train…</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a run database</source>
        <translation>打开运行数据库</translation>
    </message>
    <message>
        <source>&amp;New Database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>Create an empty run database</source>
        <translation>创建空的运行数据库</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>Start gcpo-train with the configuration panel&apos;s settings</source>
        <translation>使用配置面板的设置启动 gcpo-train</translation>
    </message>
    <message>
        <source>S&amp;top Training</source>
        <translation>停止训练(&amp;T)</translation>
    </message>
    <message>
        <source>Stop gracefully: finish the step, checkpoint, mark the run interrupted</source>
        <translation>平稳停止：完成当前步、保存检查点、将运行标记为已中断</translation>
    </message>
    <message>
        <source>&amp;Resume Run</source>
        <translation>继续运行(&amp;R)</translation>
    </message>
    <message>
        <source>Resume the selected interrupted or crashed run from its last checkpoint</source>
        <translation>从最后一个检查点继续所选的已中断或已崩溃的运行</translation>
    </message>
    <message>
        <source>Run the &amp;Demo Experiment</source>
        <translation>运行演示实验(&amp;D)</translation>
    </message>
    <message>
        <source>SFT warm-up, then GRPO and GCPO from the same checkpoint, in the open database</source>
        <translation>先进行 SFT 预热，然后从同一检查点分别运行 GRPO 和 GCPO，写入已打开的数据库</translation>
    </message>
    <message>
        <source>&amp;Export Plot…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the active view&apos;s plot as PNG, PDF, SVG or its data as CSV</source>
        <translation>将当前视图的图表导出为 PNG、PDF、SVG，或将其数据导出为 CSV</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <source>Language and theme</source>
        <translation>语言和主题</translation>
    </message>
    <message>
        <source>&amp;About GCPO Workbench</source>
        <translation>关于 GCPO Workbench(&amp;A)</translation>
    </message>
    <message>
        <source>Versions of Qt, LibTorch and the database schema</source>
        <translation>Qt、LibTorch 和数据库架构的版本</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit the workbench</source>
        <translation>退出工作台</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run configuration</source>
        <translation>运行配置</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>gcpo-train is still training. Stop it (it checkpoints, and the run can be resumed later) and quit?</source>
        <translation>gcpo-train 仍在训练。是否停止它（会保存检查点，之后可继续运行）并退出？</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>Not a GCPO run database</source>
        <translation>不是 GCPO 运行数据库</translation>
    </message>
    <message>
        <source>Cannot create database</source>
        <translation>无法创建数据库</translation>
    </message>
    <message>
        <source>A run is already training in this database; following it.</source>
        <translation>此数据库中已有运行在训练；正在跟踪它。</translation>
    </message>
    <message>
        <source>Starting a run in %1</source>
        <translation>正在 %1 中启动运行</translation>
    </message>
    <message>
        <source>Stopping: finishing the step and checkpointing…</source>
        <translation>正在停止：完成当前步并保存检查点…</translation>
    </message>
    <message>
        <source>SFT warm-up</source>
        <translation>SFT 预热</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>评估中</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%v / %m  (ETA %1)</source>
        <translation>%v / %m（剩余 %1）</translation>
    </message>
    <message>
        <source>%1 – run %2</source>
        <translation>%1 – 运行 %2</translation>
    </message>
    <message>
        <source>Open run database</source>
        <translation>打开运行数据库</translation>
    </message>
    <message>
        <source>Run databases (*.sqlite *.db);;All files (*)</source>
        <translation>运行数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New run database</source>
        <translation>新建运行数据库</translation>
    </message>
    <message>
        <source>Run databases (*.sqlite *.db)</source>
        <translation>运行数据库 (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;SVG vector image (*.svg);;CSV data, full resolution (*.csv)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf);;SVG 矢量图 (*.svg);;CSV 数据，完整分辨率 (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The configuration panel holds the run&apos;s config: change what you want, then Start</source>
        <translation>配置面板已载入该运行的配置：按需修改后点击开始</translation>
    </message>
    <message>
        <source>New run from this config</source>
        <translation>基于此配置新建运行</translation>
    </message>
    <message>
        <source>Start gcpo-train with the configuration panel&apos;s settings (Ctrl+R)</source>
        <translation>使用配置面板的设置启动 gcpo-train（Ctrl+R）</translation>
    </message>
    <message>
        <source>Open or create a run database first (File &gt; Open / New)</source>
        <translation>请先打开或创建运行数据库（文件 &gt; 打开 / 新建）</translation>
    </message>
    <message>
        <source>&amp;What This Demo Shows…</source>
        <translation>本演示展示了什么(&amp;W)…</translation>
    </message>
    <message>
        <source>The demo&apos;s question and its measured result with its uncertainty</source>
        <translation>演示的问题及其实测结果和不确定度</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::MetricCatalog</name>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Diversity</source>
        <translation>多样性</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Lengths</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>pass@1 (eval)</source>
        <translation>pass@1（评估）</translation>
    </message>
    <message>
        <source>pass@k (eval: k = 1, 2, 4, 8, 16)</source>
        <translation>pass@k（评估：k = 1, 2, 4, 8, 16）</translation>
    </message>
    <message>
        <source>pass@8 (eval)</source>
        <translation>pass@8（评估）</translation>
    </message>
    <message>
        <source>Training accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>Format rate</source>
        <translation>格式正确率</translation>
    </message>
    <message>
        <source>Distinct correct answers (eval)</source>
        <translation>不同的正确答案数（评估）</translation>
    </message>
    <message>
        <source>Solution-space coverage (eval)</source>
        <translation>解空间覆盖率（评估）</translation>
    </message>
    <message>
        <source>Vendi score (eval)</source>
        <translation>Vendi 分数（评估）</translation>
    </message>
    <message>
        <source>Mean pairwise distance (eval)</source>
        <translation>平均成对距离（评估）</translation>
    </message>
    <message>
        <source>Distinct correct answers (training)</source>
        <translation>不同的正确答案数（训练）</translation>
    </message>
    <message>
        <source>Reward standard deviation</source>
        <translation>奖励标准差</translation>
    </message>
    <message>
        <source>Zero-variance groups</source>
        <translation>零方差分组</translation>
    </message>
    <message>
        <source>Team coverage</source>
        <translation>团队覆盖度</translation>
    </message>
    <message>
        <source>KL to reference</source>
        <translation>与参考策略的 KL</translation>
    </message>
    <message>
        <source>Entropy (training and eval)</source>
        <translation>熵（训练和评估）</translation>
    </message>
    <message>
        <source>Clip ratios</source>
        <translation>裁剪比例</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Completion length (training and eval)</source>
        <translation>补全长度（训练和评估）</translation>
    </message>
    <message>
        <source>Clipped completions</source>
        <translation>被截断的补全</translation>
    </message>
    <message>
        <source>Step-time breakdown</source>
        <translation>单步耗时分解</translation>
    </message>
    <message>
        <source>Rollouts consumed</source>
        <translation>已用 rollout 数</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source> (eval)</source>
        <translation>（评估）</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>fraction of groups</source>
        <translation>分组比例</translation>
    </message>
    <message>
        <source>fraction of tokens</source>
        <translation>token 比例</translation>
    </message>
    <message>
        <source>answers per prompt</source>
        <translation>每个提示的答案数</translation>
    </message>
    <message>
        <source>effective count</source>
        <translation>有效数量</translation>
    </message>
    <message>
        <source>1 − cosine</source>
        <translation>1 − 余弦</translation>
    </message>
    <message>
        <source>nats, log det</source>
        <translation>nats，log det</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>nats</translation>
    </message>
    <message>
        <source>nats per token</source>
        <translation>每 token nats</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>token</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>rollouts</source>
        <translation>rollout</translation>
    </message>
    <message>
        <source>L2 norm</source>
        <translation>L2 范数</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Completion length (training)</source>
        <translation>补全长度（训练）</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::PathEdit</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::PlotExport</name>
    <message>
        <source>Unknown export format for %1 (use .png, .pdf, .svg or .csv)</source>
        <translation>%1 的导出格式未知（请使用 .png、.pdf、.svg 或 .csv）</translation>
    </message>
    <message>
        <source>No plot to export</source>
        <translation>没有可导出的图表</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::PromptOutcomeModel</name>
    <message>
        <source>Share of the arm&apos;s runs with at least one correct sample for this prompt</source>
        <translation>该组别中对此提示至少有一个正确样本的运行所占比例</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>%1 solved</source>
        <translation>%1 解出</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RolloutGroupsView</name>
    <message>
        <source>Run whose rollout groups are shown</source>
        <translation>显示其 rollout 分组的运行</translation>
    </message>
    <message>
        <source>Training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>no step</source>
        <translation>无步骤</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>实时跟随</translation>
    </message>
    <message>
        <source>Jump to each new step as the run writes it</source>
        <translation>运行写入新步骤时自动跳转</translation>
    </message>
    <message>
        <source>Select a rollout to read its full completion</source>
        <translation>选择一个 rollout 以查看完整补全</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Rollout groups</source>
        <translation>Rollout 分组</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>read error</source>
        <translation>读取错误</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>No rollouts stored for this step (rollout retention)</source>
        <translation>此步没有保存 rollout（rollout 保留策略）</translation>
    </message>
    <message>
        <source>Row colour = advantage used: %1 positive %2 0 %3 negative (scaled by the group&apos;s largest |advantage|). ⚠ in Correct: no correct rollout, yet a non-zero advantage.</source>
        <translation>行颜色 = 实际使用的优势：%1 正 %2 0 %3 负（按该分组最大的 |优势| 缩放）。“正确”列中的 ⚠：没有正确的 rollout，但优势不为零。</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RolloutTableModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Shapley credit of this rollout in the group&apos;s coverage game</source>
        <translation>该 rollout 在分组覆盖度博弈中的 Shapley 信用</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>补全</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>GRPO advantage</source>
        <translation>GRPO 优势</translation>
    </message>
    <message>
        <source>GCPO credit</source>
        <translation>GCPO 信用</translation>
    </message>
    <message>
        <source>Advantage used</source>
        <translation>实际使用的优势</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>The advantage the loss used (row colour: green positive, orange negative, stronger for larger magnitude)</source>
        <translation>损失实际使用的优势（行颜色：绿色为正，橙色为负，绝对值越大颜色越深）</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunLauncher</name>
    <message>
        <source>A training process is already running.</source>
        <translation>已有训练进程在运行。</translation>
    </message>
    <message>
        <source>Could not write the run configuration to a temporary file.</source>
        <translation>无法将运行配置写入临时文件。</translation>
    </message>
    <message>
        <source>gcpo-train was not found next to the workbench or on PATH (set GCPO_TRAIN to its path).</source>
        <translation>在工作台旁边或 PATH 中找不到 gcpo-train（请将 GCPO_TRAIN 设置为其路径）。</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>Stop requested: the trainer finishes its current step and checkpoints.</source>
        <translation>已请求停止：训练程序将完成当前步并保存检查点。</translation>
    </message>
    <message>
        <source>The trainer did not stop in time; killing it.</source>
        <translation>训练程序未能及时停止；正在强制结束。</translation>
    </message>
    <message>
        <source>The trainer was killed; the run shows as crashed and can be resumed from its last checkpoint.</source>
        <translation>训练程序已被强制结束；该运行显示为已崩溃，可从最后一个检查点继续。</translation>
    </message>
    <message>
        <source>The trainer crashed; the run shows as crashed and can be resumed from its last checkpoint.</source>
        <translation>训练程序崩溃；该运行显示为已崩溃，可从最后一个检查点继续。</translation>
    </message>
    <message>
        <source>Training finished.</source>
        <translation>训练完成。</translation>
    </message>
    <message>
        <source>Training stopped: the run is marked interrupted and can be resumed.</source>
        <translation>训练已停止：该运行已标记为中断，可以继续。</translation>
    </message>
    <message>
        <source>The trainer refused the configuration:
%1</source>
        <translation>训练程序拒绝了该配置：
%1</translation>
    </message>
    <message>
        <source>Training failed (exit code %1):
%2</source>
        <translation>训练失败（退出码 %1）：
%2</translation>
    </message>
    <message>
        <source>Trainer process error: %1</source>
        <translation>训练进程错误：%1</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunView</name>
    <message>
        <source>The view %1 has no plot to export</source>
        <translation>视图 %1 没有可导出的图表</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunsBrowser</name>
    <message>
        <source>Select one or more runs (Ctrl/Shift+click) to show them in the views</source>
        <translation>选择一个或多个运行（Ctrl/Shift+单击）以在视图中显示</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>Recent databases</source>
        <translation>最近的数据库</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Resume run %1</source>
        <translation>继续运行 %1</translation>
    </message>
    <message>
        <source>Show stored log</source>
        <translation>显示已存储的日志</translation>
    </message>
    <message>
        <source>Search runs: name, algorithm, tag, notes, experiment…</source>
        <translation>搜索运行：名称、算法、标签、备注、实验…</translation>
    </message>
    <message>
        <source>Show stored config…</source>
        <translation>显示已存储的配置…</translation>
    </message>
    <message>
        <source>New run from this config</source>
        <translation>基于此配置新建运行</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <source>Notes…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Delete run %1…</source>
        <translation>删除运行 %1…</translation>
    </message>
    <message>
        <source>Rename run %1</source>
        <translation>重命名运行 %1</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>No database is open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>Tags of run %1</source>
        <translation>运行 %1 的标签</translation>
    </message>
    <message>
        <source>Tags, separated by commas:</source>
        <translation>标签，以逗号分隔：</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes on run %1</source>
        <translation>运行 %1 的备注</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message numerus="yes">
        <source>run %1 &quot;%2&quot; (%3, %n step(s) stored)</source>
        <translation>
            <numerusform>运行 %1“%2”（%3，已存储 %n 步）</numerusform>
        </translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>Delete %1 and everything it wrote (metrics, rollouts, evaluations, checkpoints beside the database, log, notes, tags)? This cannot be undone.</source>
        <translation>删除 %1 及其写入的全部内容（指标、rollout、评估结果、数据库旁的检查点、日志、备注、标签）？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Stored config</source>
        <translation>已存储的配置</translation>
    </message>
    <message>
        <source>Stored config of run %1</source>
        <translation>运行 %1 的已存储配置</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>The full resolved config this run trained with:</source>
        <translation>该运行训练时使用的完整解析后配置：</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::RunsTableModel</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>已崩溃</translation>
    </message>
    <message>
        <source>Run %1 &quot;%2&quot; (%3), seed %4</source>
        <translation>运行 %1“%2”（%3），种子 %4</translation>
    </message>
    <message>
        <source>The trainer stopped sending heartbeats: it crashed or was killed. Resume continues from the last checkpoint.</source>
        <translation>训练程序已停止发送心跳：它崩溃了或被强制结束。继续运行将从最后一个检查点开始。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖度</translation>
    </message>
    <message>
        <source>pass@1</source>
        <translation>pass@1</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>A new language applies the next time the workbench starts.</source>
        <translation>新语言将在下次启动工作台时生效。</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::TaskFamiliesEditor</name>
    <message>
        <source>Family</source>
        <translation>任务族</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Task family (gcpo-train tasks list describes each)</source>
        <translation>任务族（gcpo-train tasks list 给出各任务族的说明）</translation>
    </message>
    <message>
        <source>Relative share of the prompts (&gt; 0; normalised over the rows)</source>
        <translation>在提示中所占的相对比例（&gt; 0；在各行间归一化）</translation>
    </message>
    <message>
        <source>The family&apos;s options as a JSON object, e.g. {&quot;count&quot;: 4}; empty: the defaults</source>
        <translation>该任务族的选项，格式为 JSON 对象，例如 {&quot;count&quot;: 4}；留空：使用默认值</translation>
    </message>
    <message>
        <source>Add family</source>
        <translation>添加任务族</translation>
    </message>
    <message>
        <source>Add a task family that is not in the mixture yet</source>
        <translation>添加一个尚未加入混合的任务族</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected family from the mixture</source>
        <translation>从混合中移除所选任务族</translation>
    </message>
    <message>
        <source>JSON Lines data sets (*.jsonl *.json);;All files (*)</source>
        <translation>JSON Lines 数据集 (*.jsonl *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Data set file</source>
        <translation>数据集文件</translation>
    </message>
    <message>
        <source>JSONL file of the selected gsm8k or math family (options.path)</source>
        <translation>所选 gsm8k 或 math 任务族的 JSONL 文件（options.path）</translation>
    </message>
    <message>
        <source>Test set file</source>
        <translation>测试集文件</translation>
    </message>
    <message>
        <source>Separate test JSONL file (options.test_path); empty: the records are split into train and test by a hash</source>
        <translation>单独的测试 JSONL 文件（options.test_path）；留空：按哈希将记录划分为训练集和测试集</translation>
    </message>
    <message>
        <source>Data file:</source>
        <translation>数据文件：</translation>
    </message>
    <message>
        <source>Test file:</source>
        <translation>测试文件：</translation>
    </message>
    <message>
        <source>row %1 (%2): weight is not a number: &quot;%3&quot;</source>
        <translation>第 %1 行（%2）：权重不是数字：“%3”</translation>
    </message>
    <message>
        <source>row %1 (%2): options are not a JSON object</source>
        <translation>第 %1 行（%2）：选项不是 JSON 对象</translation>
    </message>
    <message>
        <source>row %1 (%2) needs its data set file (Data file: Browse…)</source>
        <translation>第 %1 行（%2）需要数据集文件（数据文件：浏览…）</translation>
    </message>
    <message>
        <source>only gsm8k and math read a data set file</source>
        <translation>仅 gsm8k 和 math 会读取数据集文件</translation>
    </message>
</context>
<context>
    <name>gcpo::ui::WhatIfStrip</name>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>RBF</source>
        <translation>RBF</translation>
    </message>
    <message>
        <source>Kernel on the rollout embeddings</source>
        <translation>rollout 嵌入上的核函数</translation>
    </message>
    <message>
        <source>RBF width γ in exp(-γ‖a − b‖²)</source>
        <translation>exp(-γ‖a − b‖²) 中的 RBF 宽度 γ</translation>
    </message>
    <message>
        <source>Volume scale β in v(S) = log det(I + β L_S)</source>
        <translation>v(S) = log det(I + β L_S) 中的体积缩放 β</translation>
    </message>
    <message>
        <source>exact Shapley</source>
        <translation>精确 Shapley</translation>
    </message>
    <message>
        <source>permutation (Monte Carlo)</source>
        <translation>排列（蒙特卡洛）</translation>
    </message>
    <message>
        <source>leave-one-out (approximation)</source>
        <translation>留一法（近似）</translation>
    </message>
    <message>
        <source>Orderings for the permutation estimator</source>
        <translation>排列估计器的排列次数</translation>
    </message>
    <message>
        <source>w in A = (1 − w)·norm(credit) + w·norm(reward)</source>
        <translation>A = (1 − w)·norm(信用) + w·norm(奖励) 中的 w</translation>
    </message>
    <message>
        <source>Reset to run</source>
        <translation>重置为运行设置</translation>
    </message>
    <message>
        <source>Restore the settings the run trained with</source>
        <translation>恢复该运行训练时使用的设置</translation>
    </message>
    <message>
        <source>&lt;b&gt;What if&lt;/b&gt;</source>
        <translation>&lt;b&gt;假设分析&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>核函数</translation>
    </message>
    <message>
        <source>RBF γ</source>
        <translation>RBF γ</translation>
    </message>
    <message>
        <source>Volume scale β</source>
        <translation>体积缩放 β</translation>
    </message>
    <message>
        <source>Estimator</source>
        <translation>估计器</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Accuracy weight</source>
        <translation>准确率权重</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>GCPO Workbench: configure, run and compare GCPO and GRPO training runs.</source>
        <translation>GCPO Workbench：配置、运行并对比 GCPO 与 GRPO 训练。</translation>
    </message>
    <message>
        <source>Create the demo database (FILE, or gcpo-demo.sqlite in the user&apos;s data folder) and start the built-in experiment.</source>
        <translation>创建演示数据库（FILE，或用户数据目录中的 gcpo-demo.sqlite）并启动内置实验。</translation>
    </message>
    <message>
        <source>RL steps per demo run (default: the demo&apos;s own).</source>
        <translation>每个演示运行的 RL 步数（默认：演示自身的设置）。</translation>
    </message>
    <message>
        <source>Theme for this session: system, light or dark.</source>
        <translation>本次会话的主题：system、light 或 dark。</translation>
    </message>
    <message>
        <source>Save each view as PNG in DIR, then quit.</source>
        <translation>将每个视图保存为 DIR 中的 PNG，然后退出。</translation>
    </message>
    <message>
        <source>Seconds to wait before the screenshots (default 5).</source>
        <translation>截图前等待的秒数（默认 5）。</translation>
    </message>
    <message>
        <source>Run database to open.</source>
        <translation>要打开的运行数据库。</translation>
    </message>
    <message>
        <source>Run database to open (as gcpo-train&apos;s --db).</source>
        <translation>要打开的运行数据库（同 gcpo-train 的 --db）。</translation>
    </message>
    <message>
        <source>Window size WIDTHxHEIGHT (e.g. 1280x800).</source>
        <translation>窗口大小 WIDTHxHEIGHT（例如 1280x800）。</translation>
    </message>
</context>
</TS>
