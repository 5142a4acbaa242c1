// WheelGuard: wheel events over unfocused value widgets scroll their scroll area instead.
#include "wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QScrollBar>
#include <QWheelEvent>

namespace gcpo::ui {

bool WheelGuard::guards(const QObject* watched) {
    if (qobject_cast<const QScrollBar*>(watched)) return false;
    return qobject_cast<const QAbstractSpinBox*>(watched) || qobject_cast<const QComboBox*>(watched) ||
           qobject_cast<const QAbstractSlider*>(watched);
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::Wheel || !guards(watched)) return QObject::eventFilter(watched, event);
    auto* widget = static_cast<QWidget*>(watched);
    if (widget->hasFocus()) return false;
    // Hand the wheel to the nearest scroll area (the form scrolls) and keep the value.
    for (QWidget* p = widget->parentWidget(); p; p = p->parentWidget())
        if (auto* area = qobject_cast<QAbstractScrollArea*>(p)) {
            if (area->viewport()) QApplication::sendEvent(area->viewport(), event);
            break;
        }
    return true;
}

}  // namespace gcpo::ui
