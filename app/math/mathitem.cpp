#include "mathitem.h"

#include <QPainter>
#include <cmath>

MathItem::MathItem(QQuickItem* parent) : QQuickPaintedItem(parent) {
    setAntialiasing(true);
}

void MathItem::setLatex(const QString& latex) {
    if (latex == latex_) {
        return;
    }
    latex_ = latex;
    relayout();
    emit latexChanged();
}

void MathItem::setDisplay(bool display) {
    if (display == display_) {
        return;
    }
    display_ = display;
    relayout();
    emit latexChanged();
}

void MathItem::setColor(const QColor& color) {
    if (color == color_) {
        return;
    }
    color_ = color;
    update();
    emit colorChanged();
}

void MathItem::setPixelSize(int size) {
    if (size == fonts_.pixelSize || size <= 0) {
        return;
    }
    fonts_.pixelSize = size;
    relayout();
    emit latexChanged();
}

void MathItem::setFontFamily(const QString& family) {
    if (family == fonts_.textFamily || family.isEmpty()) {
        return;
    }
    fonts_.textFamily = family;
    relayout();
    emit latexChanged();
}

QString MathItem::error() const {
    if (!formula_ || formula_->ok()) {
        return {};
    }
    return formula_->error()->message;
}

// The item is sized in whole pixels around the formula so nothing is clipped.
void MathItem::relayout() {
    formula_ = std::make_unique<hearth::math::Formula>(latex_, display_, fonts_);
    if (formula_->ok()) {
        setImplicitSize(std::ceil(formula_->width()) + 1, std::ceil(formula_->size().height()) + 1);
    } else {
        setImplicitSize(0, 0);
    }
    update();
    emit layoutChanged();
}

void MathItem::paint(QPainter* painter) {
    if (!valid()) {
        return;
    }
    formula_->paint(*painter, {0, 0}, color_);
}
