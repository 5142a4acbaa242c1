// Application-wide guard: the mouse wheel never changes a spin box, combo box or slider that does
// not have keyboard focus (scrolling a form must not silently turn "Group size 8" into 1). The
// wheel event goes to the enclosing scroll area instead, so the form scrolls; a field that the
// user has clicked or tabbed into takes the wheel as usual.
//
//     qApp->installEventFilter(new gcpo::ui::WheelGuard(qApp));
#pragma once

#include <QObject>

namespace gcpo::ui {

class WheelGuard : public QObject {
    Q_OBJECT

public:
    explicit WheelGuard(QObject* parent = nullptr) : QObject(parent) {}
    // True for the widgets whose value a wheel turn would change (scroll bars excluded).
    static bool guards(const QObject* watched);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace gcpo::ui
