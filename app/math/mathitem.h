// A formula as a Qt Quick item (a display formula in the chat). Its implicit size is the
// formula's; `valid` is false when the LaTeX does not parse, and the QML around it then
// shows the source instead (the item draws nothing).
#pragma once

#include "formula.h"

#include <QColor>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>
#include <memory>

class MathItem : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString latex READ latex WRITE setLatex NOTIFY latexChanged)
    Q_PROPERTY(bool display READ display WRITE setDisplay NOTIFY latexChanged)
    Q_PROPERTY(QColor color READ color WRITE setColor NOTIFY colorChanged)
    Q_PROPERTY(int pixelSize READ pixelSize WRITE setPixelSize NOTIFY latexChanged)
    Q_PROPERTY(QString fontFamily READ fontFamily WRITE setFontFamily NOTIFY latexChanged)
    Q_PROPERTY(bool valid READ valid NOTIFY layoutChanged)
    Q_PROPERTY(QString error READ error NOTIFY layoutChanged)
    Q_PROPERTY(qreal baseline READ baseline NOTIFY layoutChanged)

public:
    explicit MathItem(QQuickItem* parent = nullptr);

    QString latex() const { return latex_; }
    void setLatex(const QString& latex);
    bool display() const { return display_; }
    void setDisplay(bool display);
    QColor color() const { return color_; }
    void setColor(const QColor& color);
    int pixelSize() const { return fonts_.pixelSize; }
    void setPixelSize(int size);
    QString fontFamily() const { return fonts_.textFamily; }
    void setFontFamily(const QString& family);
    bool valid() const { return formula_ && formula_->ok(); }
    QString error() const;
    qreal baseline() const { return formula_ ? formula_->ascent() : 0; }

    void paint(QPainter* painter) override;

signals:
    void latexChanged();
    void colorChanged();
    void layoutChanged();

private:
    void relayout();

    QString latex_;
    bool display_ = true;
    QColor color_ = Qt::black;
    hearth::math::MathFonts fonts_;
    std::unique_ptr<hearth::math::Formula> formula_;
};
