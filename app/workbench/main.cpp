// gcpo-workbench: the Qt desktop program. Opens a run database (argument), or with --demo creates
// the demo database and starts the built-in GCPO-vs-GRPO experiment at once. --screenshot DIR
// saves each view as PNG after a delay and quits (used for the README's figures under Xvfb).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <exception>

#include "demo_summary_dialog.h"
#include "main_window.h"
#include "runs_browser.h"
#include "runs_table_model.h"
#include "settings_dialog.h"
#include "store/run_store.h"
#include "theme.h"
#include "views/compare_view.h"
#include "views/run_view.h"

namespace {

void installTranslators(QApplication& app) {
    QString lang = gcpo::ui::SettingsDialog::savedLanguage();
    if (lang.isEmpty()) lang = QLocale::system().name();  // e.g. de_DE, zh_CN
    if (lang.startsWith(QLatin1String("en"))) return;     // English is the source language
    auto* own = new QTranslator(&app);
    if (own->load(QStringLiteral(":/i18n/gcpo_workbench_%1").arg(lang)) ||
        own->load(QStringLiteral(":/i18n/gcpo_workbench_%1").arg(lang.section(QLatin1Char('_'), 0, 0))))
        app.installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_%1").arg(lang), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
}

// Grabs every view dock (and the whole window) and the demo summary to DIR/<name>.png, then quits.
void saveScreenshots(gcpo::ui::MainWindow* w, const QString& dir) {
    QDir().mkpath(dir);
    // Every run of the database in the views (the compare view needs two or more).
    QList<qint64> all;
    for (int row = 0; row < w->runsBrowser()->model()->rowCount(); ++row) all << w->runsBrowser()->model()->runIdAt(row);
    w->runsBrowser()->selectRuns(all);
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 1500) QApplication::processEvents(QEventLoop::AllEvents, 50);  // data source delivers
    const QList<QDockWidget*> docks = w->viewDocks();
    for (int i = 0; i < docks.size(); ++i) {
        w->showView(i);
        for (int k = 0; k < 20; ++k) QApplication::processEvents();  // layout, queued replots
        const QString name = docks[i]->objectName().remove(QStringLiteral("Dock"));
        w->grab().save(QDir(dir).filePath(QStringLiteral("window_%1.png").arg(name)));
        docks[i]->widget()->grab().save(QDir(dir).filePath(QStringLiteral("view_%1.png").arg(name)));
        if (auto* compare = qobject_cast<gcpo::ui::CompareView*>(docks[i]->widget())) {  // its other tabs too
            for (int tab = 1; tab <= 2; ++tab) {
                compare->showTab(tab);
                for (int k = 0; k < 20; ++k) QApplication::processEvents();
                compare->grab().save(QDir(dir).filePath(QStringLiteral("view_%1_tab%2.png").arg(name).arg(tab)));
            }
            compare->showTab(0);
        }
    }
    {  // Help > What This Demo Shows
        gcpo::ui::DemoSummaryDialog summary(w);
        summary.resize(900, 1000);
        summary.show();
        for (int k = 0; k < 20; ++k) QApplication::processEvents();
        summary.grab().save(QDir(dir).filePath(QStringLiteral("dialog_what_this_demo_shows.png")));
    }
    // exit(), not quit(): Qt 6's quit() first closes the windows, and with a run training the
    // main window asks whether to stop it, a dialog nobody answers under Xvfb.
    QApplication::exit(0);
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    Q_INIT_RESOURCE(workbench);
    QApplication::setOrganizationName(QStringLiteral("gcpo"));
    QApplication::setApplicationName(QStringLiteral("gcpo-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("GCPO Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(GCPO_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/gcpo.svg")));
    installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "GCPO Workbench: configure, run and compare GCPO and GRPO training runs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QApplication::translate(
            "main",
            "Create the demo database (FILE, or gcpo-demo.sqlite in the user's data folder) and start the built-in experiment."));
    const QCommandLineOption demoSteps(QStringLiteral("demo-steps"),
                                       QApplication::translate("main", "RL steps per demo run (default: the demo's own)."),
                                       QStringLiteral("N"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QApplication::translate("main", "Theme for this session: system, light or dark."),
                                   QStringLiteral("THEME"));
    const QCommandLineOption shots(QStringLiteral("screenshot"),
                                   QApplication::translate("main", "Save each view as PNG in DIR, then quit."),
                                   QStringLiteral("DIR"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QApplication::translate("main", "Seconds to wait before the screenshots (default 5)."),
                                   QStringLiteral("SECONDS"), QStringLiteral("5"));
    const QCommandLineOption db(QStringLiteral("db"),
                                QApplication::translate("main", "Run database to open (as gcpo-train's --db)."),
                                QStringLiteral("FILE"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QApplication::translate("main", "Window size WIDTHxHEIGHT (e.g. 1280x800)."),
                                  QStringLiteral("WxH"));
    parser.addOptions({db, demo, demoSteps, theme, shots, delay, size});
    parser.addPositionalArgument(QStringLiteral("FILE"), QApplication::translate("main", "Run database to open."));
    parser.process(app);

    gcpo::ui::Theme::instance()->applySaved();
    if (parser.isSet(theme)) gcpo::ui::Theme::instance()->apply(gcpo::ui::themeFromKey(parser.value(theme)));

    QStringList files = parser.positionalArguments();
    if (parser.isSet(db)) files.prepend(parser.value(db));
    if (files.size() > 1) {
        std::fprintf(stderr, "gcpo-workbench: one database at a time (got %s)\n", qPrintable(files.join(QStringLiteral(", "))));
        return 2;
    }
    // As gcpo-train's --db: a file that is not a run database is refused before any window shows
    // (exit 2, the store's reason on stderr, the file untouched); --demo creates its file.
    if (!files.isEmpty() && !parser.isSet(demo)) {
        const QString& path = files.first();
        if (!QFileInfo(path).isFile()) {
            std::fprintf(stderr, "gcpo-workbench: %s: no such run database\n", qPrintable(path));
            return 2;
        }
        try {
            const gcpo::store::RunStore probe(path.toStdString(), gcpo::store::RunStore::Mode::Read);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "gcpo-workbench: %s\n", e.what());
            return 2;
        }
    }
    gcpo::ui::MainWindow window;
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 200 || h < 200) {
            std::fprintf(stderr, "gcpo-workbench: --size wants WIDTHxHEIGHT, e.g. 1280x800 (got %s)\n",
                         qPrintable(parser.value(size)));
            return 2;
        }
        window.resize(w, h);
    }
    window.show();
    if (parser.isSet(demo)) {
        QString path = files.value(0);
        if (path.isEmpty()) {
            const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
            QDir().mkpath(dir);
            path = QDir(dir).filePath(QStringLiteral("gcpo-demo.sqlite"));
        }
        window.startDemo(path, parser.value(demoSteps).toInt());
    } else if (!files.isEmpty()) {
        window.openDatabase(files.first());
    }
    if (parser.isSet(shots)) {
        const QString dir = parser.value(shots);
        QTimer::singleShot(int(parser.value(delay).toDouble() * 1000), &window,
                           [&window, dir] { saveScreenshots(&window, dir); });
    }
    return app.exec();
}
