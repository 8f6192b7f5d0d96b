//! Sensor reading validation and the edge verdict.

use serde_json::{Map, Value, json};

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Alert when temperature is strictly above this.
pub const TEMPERATURE_LIMIT: f64 = 80.0;
/// Alert when humidity is strictly above this.
pub const HUMIDITY_LIMIT: f64 = 90.0;

/// A validated reading. `ts` is accepted (number or string) but not used.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub device: String,
    pub temperature: Option<f64>,
    pub humidity: Option<f64>,
}

/// Why a reading was rejected; the text becomes the problem `detail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Alert { device: String },
    Normal { device: String },
}

/// Parse and validate a request body. Unknown fields are ignored.
pub fn parse_reading(body: &[u8]) -> Result<Reading, Invalid> {
    if body.len() > MAX_BODY_BYTES {
        return Err(too_large());
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Invalid(format!("body is not valid JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(Invalid(format!(
            "body must be a JSON object, got {}",
            kind(&value)
        )));
    };
    let device = match obj.get("device") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => {
            return Err(Invalid("field 'device' must be a non-empty string".into()));
        }
        Some(v) => {
            return Err(Invalid(format!(
                "field 'device' must be a string, got {}",
                kind(v)
            )));
        }
        None => return Err(Invalid("field 'device' is required".into())),
    };
    let temperature = number(&obj, "temperature")?;
    let humidity = number(&obj, "humidity")?;
    if temperature.is_none() && humidity.is_none() {
        return Err(Invalid(
            "at least one of 'temperature' or 'humidity' is required".into(),
        ));
    }
    match obj.get("ts") {
        None | Some(Value::String(_)) => {}
        Some(Value::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => {}
        Some(v) => {
            return Err(Invalid(format!(
                "field 'ts' must be a number or string, got {}",
                kind(v)
            )));
        }
    }
    Ok(Reading {
        device,
        temperature,
        humidity,
    })
}

/// Detail text for an over-size body (also used while streaming the body).
pub fn too_large() -> Invalid {
    Invalid(format!("body exceeds {MAX_BODY_BYTES} bytes"))
}

/// The edge rule: temperature > 80 or humidity > 90.
pub fn evaluate(r: &Reading) -> Verdict {
    let hot = r.temperature.is_some_and(|t| t > TEMPERATURE_LIMIT);
    let wet = r.humidity.is_some_and(|h| h > HUMIDITY_LIMIT);
    let device = r.device.clone();
    if hot || wet {
        Verdict::Alert { device }
    } else {
        Verdict::Normal { device }
    }
}

impl Verdict {
    /// The verdict as the JSON object `/sensor` answers with.
    pub fn to_value(&self) -> Value {
        match self {
            Verdict::Alert { device } => {
                json!({"alert": true, "reason": "threshold_exceeded", "device": device})
            }
            Verdict::Normal { device } => {
                json!({"alert": false, "status": "normal", "device": device})
            }
        }
    }

    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

/// Optional finite number field. serde_json already refuses NaN/Infinity
/// literals and out-of-range numbers like 1e400; the finiteness check is
/// defence in depth.
fn number(obj: &Map<String, Value>, field: &str) -> Result<Option<f64>, Invalid> {
    match obj.get(field) {
        None => Ok(None),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(x) if x.is_finite() => Ok(Some(x)),
            _ => Err(Invalid(format!("field '{field}' must be a finite number"))),
        },
        Some(v) => Err(Invalid(format!(
            "field '{field}' must be a number, got {}",
            kind(v)
        ))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
