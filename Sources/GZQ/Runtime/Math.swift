import Foundation

/// The libm functions the runtime uses, in one place.
enum Math {
    static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
    static func log(_ x: Double) -> Double { Foundation.log(x) }
    static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    static func sqrt(_ x: Double) -> Double { x.squareRoot() }
}
